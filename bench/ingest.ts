/**
 * Stage + load of 1, 10 and 100 staged files totalling 1,000,000 rows into DuckDB, against the floor:
 * DuckDB loading the same Parquet files into the same table in one statement (no stage copy, no
 * hashing, no ledger, no transaction of ours). "Stage + load" is what a sync does: put each file on the
 * local folder stage, log it, then `loadPending`. Target: at most 1.5x the floor.
 * Each side runs RUNS times, alternating, on fresh warehouses; the medians are compared.
 * Run: npx jiti bench/ingest.ts   (prints a table and one `BENCH {json}` line per file count; nothing is asserted)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadPending } from '../src/main/jobs/load-staged';
import { StagingLog } from '../src/main/jobs/staging-log';
import { LocalFolderStage } from '../src/main/stage/local-folder-stage';
import { stageKey } from '../src/main/stage/stage-key';
import { writeStagedFile } from '../src/main/stage/staged-file';
import { ensureRawSchema } from '../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../src/main/warehouse/duckdb/session';
import { stagedColumns } from '../src/main/warehouse/raw-tables';
import { altasBatch } from '../tests/unit/stage/fixtures';

const TOTAL_ROWS = 1_000_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TARGET = 1.5;
const root = mkdtempSync(join(tmpdir(), 'puente-bench-'));
let runNo = 0;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Splits the one big staged file into `count` Parquet files of equal row ranges. */
async function split(source: string, count: number): Promise<string[]> {
  const folder = join(root, `split-${count}`);
  mkdirSync(folder, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const per = TOTAL_ROWS / count;
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(folder, `part-${i}.parquet`);
    await connection.run(
      `COPY (SELECT * FROM read_parquet('${source}') WHERE _src_row >= ${i * per + 2} AND _src_row < ${(i + 1) * per + 2} ORDER BY _src_row) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    files.push(path);
  }
  connection.closeSync();
  instance.closeSync();
  return files;
}

/** A fresh folder and warehouse with the raw schema for `work`, removed after it. */
async function withWarehouse(work: (db: DuckDbSession, dir: string) => Promise<number>): Promise<number> {
  const dir = join(root, `run-${runNo++}`);
  mkdirSync(dir, { recursive: true });
  const db = await DuckDbSession.open(join(dir, 'warehouse.duckdb'));
  try {
    await ensureRawSchema(db);
    return await work(db, dir);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function stageAndLoad(files: readonly string[]): Promise<number> {
  return withWarehouse(async (db, dir) => {
    const stage = new LocalFolderStage(join(dir, 'stage'));
    const log = new StagingLog(join(dir, 'staged.jsonl'));
    let rows = 0;
    const ms = await timed(async () => {
      for (const [i, file] of files.entries()) {
        const srcSha256 = createHash('sha256').update(`${dir}-${i}`).digest('hex');
        const key = stageKey({ dataset: 'sai_altas', date: '2025-07-01', runId: `B${i}`, srcSha256 });
        await stage.put(file, key);
        await log.add([
          { srcSha256, dataset: 'sai_altas', key, rows: 0, stagedAt: new Date().toISOString() },
        ]);
      }
      const outcomes = await loadPending(db, stage, log, join(dir, 'scratch'));
      rows = outcomes.reduce((sum, o) => sum + o.rows, 0);
    });
    if (rows !== TOTAL_ROWS) throw new Error(`loaded ${rows} rows, expected ${TOTAL_ROWS}`);
    return ms;
  });
}

function floor(files: readonly string[]): Promise<number> {
  return withWarehouse((db) => {
    const columns = stagedColumns('sai_altas')
      .map((c) => c.name)
      .join(', ');
    const list = files.map((f) => `'${f}'`).join(', ');
    return timed(() =>
      db.run(`INSERT INTO raw.sai_altas (${columns}) SELECT ${columns} FROM read_parquet([${list}])`),
    );
  });
}

async function main(): Promise<void> {
  const batch = altasBatch(TOTAL_ROWS, 'bench');
  let staged: Awaited<ReturnType<typeof writeStagedFile>> | undefined;
  const writeMs = await timed(async () => {
    staged = await writeStagedFile(batch, join(root, 'staged'));
  });
  if (!staged) throw new Error('nothing staged');
  console.log(
    `write staged Parquet: ${TOTAL_ROWS} canonical rows -> ${(staged.bytes / 1e6).toFixed(1)} MB in ${writeMs.toFixed(0)} ms`,
  );
  console.log(
    `load average before: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${RUNS} runs each, medians`,
  );
  console.log('files  stage+load ms  floor ms  ratio  (target <= 1.5)');
  const lines: string[] = [];
  for (const count of [1, 10, 100]) {
    const files = count === 1 ? [staged.path] : await split(staged.path, count);
    const floors: number[] = [];
    const loads: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      floors.push(await floor(files));
      loads.push(await stageAndLoad(files));
    }
    const [loadMs, floorMs] = [median(loads), median(floors)];
    const ratio = loadMs / floorMs;
    console.log(
      `${String(count).padStart(5)}  ${loadMs.toFixed(0).padStart(13)}  ${floorMs.toFixed(0).padStart(8)}  ${ratio.toFixed(2).padStart(5)}`,
    );
    const name = `ingest ${count} file${count === 1 ? '' : 's'}`;
    const round = (n: number, digits: number) => Number(n.toFixed(digits));
    lines.push(
      `BENCH ${JSON.stringify({ name, value: round(loadMs / 1000, 3), unit: 's', floor: round(floorMs / 1000, 3), ratio: round(ratio, 2), target: TARGET })}`,
    );
  }
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const line of lines) console.log(line);
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(root, { recursive: true, force: true }));
