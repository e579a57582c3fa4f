/**
 * Benchmark of the model build: a full build against the floor (DuckDB reading the same staged data
 * and running one join of altas to their invoices), then a rebuild after one new day of data.
 * Synthetic raw rows (build.synthetic.ts) for N altas over three years of daily snapshots, each
 * re-reading the last month; the one new day is the next day's snapshot with that day's new altas.
 * The warehouse is a DuckDB file, as the app keeps it.
 * Targets: full build <= 3x the floor; rebuild after one new day <= 10% of a full build.
 * The warehouse is checkpointed after each load, as a sync's ingest step leaves it; the new day's
 * checkpoint is timed apart (day_checkpoint_s): it belongs to the ingest, not to the build. So is the
 * checkpoint of the day after (next_day_checkpoint_s), which follows the rebuild's merges.
 * noop_build_s is a build with nothing new to read: the runner's fixed cost, below which no rebuild goes.
 * precision/recall count the pairs the data can decide: identical twins (same article, quantity,
 * amount and dates, no PAQ row) fit any pairing and are counted in twins_undecidable instead.
 * Run: BENCH_SIZES=3000,100000,1000000 npx vitest run -c bench/build.vitest.config.mts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { build, runDataTests } from '../src/main/models/build';
import { decisionsTableDdl } from '../src/main/models/decisions';
import { ensureRawSchema } from '../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../src/main/warehouse/duckdb/session';
import { benchLine } from './bench-line.mjs';
import { altaOf, DAYS, dayOf, generate, uuidOf } from './build.synthetic';

const sizes = (process.env.BENCH_SIZES ?? '3000,100000').split(',').map(Number);

const seconds = (ms: number) => (ms / 1000).toFixed(2);
async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

// The floor: the same raw data, one join of altas to their invoices through the PAQ workbook.
const FLOOR = `CREATE OR REPLACE TABLE floor_join AS
  SELECT a.no_alta, a.importe, i.uuid, i.total
  FROM raw.sai_altas AS a
  JOIN raw.paq_links AS p ON p.alta = a.no_alta
  JOIN raw.cfdi_invoices AS i ON i.serie || '-' || i.folio = p.folio`;

/**
 * The generator's key (alta i was invoiced by invoice i) against the links, in SQL so that a million
 * pairs never cross into JavaScript; twins are misses whose predicted and true invoice were candidates
 * of the alta at the same distance in days (scoreMatches/undecidableMisses apply the same rules).
 */
async function scoreInSql(session: DuckDbSession, n: number, lastDay: number) {
  const [row] = await session.all(`
    WITH truth AS (
      SELECT ${altaOf('i')} AS alta, ${uuidOf('i')} AS uuid FROM range(${n}) AS r(i) WHERE ${dayOf('i')} <= ${lastDay}
    ),
    predicted AS (SELECT no_alta AS alta, invoice_uuid AS uuid FROM intermediate.int_alta_invoice_links),
    twins AS (
      SELECT count(*) AS n FROM predicted JOIN truth ON truth.alta = predicted.alta AND truth.uuid <> predicted.uuid
      JOIN intermediate.int_match_candidates AS got ON got.no_alta = predicted.alta AND got.invoice_uuid = predicted.uuid
      JOIN intermediate.int_match_candidates AS key ON key.no_alta = truth.alta AND key.invoice_uuid = truth.uuid
      WHERE got.date_rank = key.date_rank
    )
    SELECT (SELECT count(*) FROM predicted JOIN truth USING (alta, uuid)) AS right_links,
      (SELECT count(*) FROM predicted) AS predicted, (SELECT count(*) FROM truth) AS expected,
      (SELECT n FROM twins) AS twins`);
  const [right, predicted, expected, twins] = ['right_links', 'predicted', 'expected', 'twins'].map((k) =>
    Number(row?.[k] ?? 0),
  ) as [number, number, number, number];
  return {
    precision: predicted - twins === 0 ? 1 : right / (predicted - twins),
    recall: expected - twins === 0 ? 1 : right / (expected - twins),
    twins,
  };
}

it('measures full and one-day builds against the floor', async () => {
  const results: Record<string, string | number>[] = [];
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'puente-build-bench-'));
    const session = await DuckDbSession.open(join(dir, 'warehouse.duckdb'));
    await ensureRawSchema(session);
    await session.run('CREATE SCHEMA IF NOT EXISTS app');
    await session.run(decisionsTableDdl('duckdb'));
    await generate(session, n, 0, DAYS - 2);
    // As a sync leaves the warehouse: its ingest step checkpoints after loading (jobs/sync.ts).
    await session.run('CHECKPOINT');
    const [raw] = await session.all('SELECT count(*) AS n FROM raw.sai_altas');
    const floorMs = await timed(() => session.run(FLOOR));
    const full = await build(session, { skipTests: true });
    const fullMs = full.ms;
    const testsMs = await timed(async () => {
      const failed = (await runDataTests(session)).filter((test) => test.failures > 0);
      if (failed.length) throw new Error(`data tests failed at ${n}: ${JSON.stringify(failed)}`);
    });
    const score = await scoreInSql(session, n, DAYS - 2);
    // A build with nothing new: the runner's fixed cost, the least any rebuild can take.
    const noop = await build(session, { skipTests: true });
    const builtAgain = noop.models.filter((model) => model.mode !== 'skipped').map((model) => model.name);
    if (builtAgain.length)
      throw new Error(`a build with nothing new rebuilt ${builtAgain.join(', ')} at ${n}`);
    await generate(session, n, DAYS - 1, DAYS - 1);
    // The sync's ingest step ends with this checkpoint; timed apart, it is neither load nor build.
    const dayCheckpointMs = await timed(() => session.run('CHECKPOINT'));
    const incremental = await build(session, { skipTests: true });
    if (process.env.BENCH_VERBOSE) {
      for (const run of [full, incremental])
        console.log(run.models.map((model) => `${model.name} ${model.mode} ${model.ms}ms`).join('\n'));
    }
    // The next day's ingest checkpoint, after the rebuild: it must not pay for compacting the rebuild's merges.
    await generate(session, n, DAYS, DAYS);
    const nextCheckpointMs = await timed(() => session.run('CHECKPOINT'));
    const slowest = [...incremental.models].sort((a, b) => b.ms - a.ms).slice(0, 3);
    results.push({
      altas: n,
      raw_alta_rows: Number(raw?.n),
      floor_s: seconds(floorMs),
      full_build_s: seconds(fullMs),
      full_vs_floor: (fullMs / floorMs).toFixed(1),
      data_tests_s: seconds(testsMs),
      noop_build_s: seconds(noop.ms),
      day_checkpoint_s: seconds(dayCheckpointMs),
      one_day_rebuild_s: seconds(incremental.ms),
      next_day_checkpoint_s: seconds(nextCheckpointMs),
      rebuild_vs_full: `${((incremental.ms / fullMs) * 100).toFixed(0)}%`,
      precision: score.precision.toFixed(4),
      recall: score.recall.toFixed(4),
      twins_undecidable: score.twins,
      slowest_rebuild_models: slowest.map((model) => `${model.name} ${model.ms}ms`).join(', '),
    });
    benchLine({
      name: `build ${n} altas: full build`,
      value: fullMs,
      unit: 'ms',
      floor: floorMs,
      target: { max: 3, of: 'ratio' },
    });
    benchLine({
      name: `build ${n} altas: one-day rebuild`,
      value: incremental.ms,
      unit: 'ms',
      floor: fullMs,
      target: { max: 0.1, of: 'ratio' },
    });
    await session.close();
    rmSync(dir, { recursive: true, force: true });
    console.table(results);
  }
  console.log('targets: full_vs_floor <= 3.0, rebuild_vs_full <= 10%');
});
