/**
 * Stage + load of 1, 10 and 100 staged files totalling 1,000,000 rows into DuckDB, against the floor:
 * DuckDB loading the same Parquet files into the same table in one statement (no stage copy, no
 * hashing, no ledger, no per-file transaction). Target: at most 1.5x the floor.
 * Run: npx jiti bench/ingest.ts   (prints a table; nothing is asserted)
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LocalFolderStage } from '../src/main/stage/local-folder-stage';
import { stageKey } from '../src/main/stage/stage-key';
import { writeStagedFile } from '../src/main/stage/staged-file';
import { ingestFromStage } from '../src/main/warehouse/duckdb/ingest-from-stage';
import { ensureRawSchema } from '../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../src/main/warehouse/duckdb/session';
import { stagedColumns } from '../src/main/warehouse/raw-tables';
import { altasBatch } from '../tests/unit/stage/fixtures';

const TOTAL_ROWS = 1_000_000;
const root = mkdtempSync(join(tmpdir(), 'puente-bench-'));

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

/** Splits the one big staged file into `count` Parquet files of equal row ranges. */
async function split(source: string, count: number): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const per = TOTAL_ROWS / count;
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(root, `split-${count}`, `part-${i}.parquet`);
    if (i === 0) await connection.run(`SELECT 1`);
    await import('node:fs').then((fs) => fs.mkdirSync(join(root, `split-${count}`), { recursive: true }));
    await connection.run(
      `COPY (SELECT * FROM read_parquet('${source}') WHERE _src_row >= ${i * per + 2} AND _src_row < ${(i + 1) * per + 2} ORDER BY _src_row) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    files.push(path);
  }
  connection.closeSync();
  instance.closeSync();
  return files;
}

async function stageAndLoad(files: string[], label: string): Promise<number> {
  const stage = new LocalFolderStage(join(root, `stage-${label}`));
  const db = await DuckDbSession.open(join(root, `wh-${label}.duckdb`));
  await ensureRawSchema(db);
  const [, ms] = await timed(async () => {
    const keys: string[] = [];
    for (const [i, file] of files.entries()) {
      const srcSha256 = createHash('sha256').update(`${label}-${i}`).digest('hex');
      const key = stageKey({ dataset: 'sai_altas', date: '2025-07-01', runId: `B${label}`, srcSha256 });
      await stage.put(file, key);
      keys.push(key);
    }
    const outcomes = await ingestFromStage(db, stage, keys, join(root, 'scratch'));
    const rows = outcomes.reduce((sum, o) => sum + o.rows, 0);
    if (rows !== TOTAL_ROWS) throw new Error(`loaded ${rows} rows, expected ${TOTAL_ROWS}`);
  });
  await db.close();
  return ms;
}

async function floor(files: string[], label: string): Promise<number> {
  const db = await DuckDbSession.open(join(root, `floor-${label}.duckdb`));
  await ensureRawSchema(db);
  const columns = stagedColumns('sai_altas')
    .map((c) => c.name)
    .join(', ');
  const list = files.map((f) => `'${f}'`).join(', ');
  const [, ms] = await timed(() =>
    db.run(`INSERT INTO raw.sai_altas (${columns}) SELECT ${columns} FROM read_parquet([${list}])`),
  );
  await db.close();
  return ms;
}

async function main(): Promise<void> {
  const batch = altasBatch(TOTAL_ROWS, 'bench');
  const [staged, writeMs] = await timed(() => writeStagedFile(batch, join(root, 'staged')));
  console.log(
    `write staged Parquet: ${TOTAL_ROWS} canonical rows -> ${(staged.bytes / 1e6).toFixed(1)} MB in ${writeMs.toFixed(0)} ms`,
  );
  console.log('files  stage+load ms  floor ms  ratio  (target <= 1.5)');
  for (const count of [1, 10, 100]) {
    const files = count === 1 ? [staged.path] : await split(staged.path, count);
    const floorMs = await floor(files, String(count));
    const loadMs = await stageAndLoad(files, String(count));
    console.log(
      `${String(count).padStart(5)}  ${loadMs.toFixed(0).padStart(13)}  ${floorMs.toFixed(0).padStart(8)}  ${(loadMs / floorMs).toFixed(2).padStart(5)}`,
    );
  }
}

main()
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => rmSync(root, { recursive: true, force: true }));
