import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuildResult, build } from '../../../src/main/models/build';
import type { SqlRow } from '../../../src/main/warehouse/session';
import { answerKey } from '../../sim/world/answer-key';
import { generateWorld } from '../../sim/world/generate';
import { openSimulatedWarehouse, type SimulatedWarehouse } from './simulator-world';
import { describeScore, scoreWorld, type WorldScore } from './world-score';

/**
 * The models against the simulator's answer key, on files as the portals serve them. The demo world
 * (3,000 altas a year over two years) always runs; PUENTE_SIM_ALTAS_PER_YEAR raises it (50000 gives
 * the 100,000 altas; it then syncs only the last two days).
 */
const ALTAS_PER_YEAR = Number(process.env.PUENTE_SIM_ALTAS_PER_YEAR ?? 3000);
const TARGET = 0.995;
/** The portal's cap at demo scale; bigger worlds stage fewer, larger PREI windows (~100 ms per file). */
const PREI_ROWS_PER_FILE = ALTAS_PER_YEAR > 3000 ? 5000 : 100;
const DAYS = ['2025-12-26', '2025-12-29', '2025-12-30'];

let warehouse: SimulatedWarehouse;
const builds: BuildResult[] = [];
const failing = (result: BuildResult) => result.tests.filter((test) => test.failures > 0);

async function buildDay(day: string): Promise<BuildResult> {
  const synced = await warehouse.syncDay(day);
  const result = await build(warehouse.session);
  console.log(
    `${day}: ${synced.landed} raw files landed, ${synced.loaded} staged files loaded (files ${synced.ms.files} ms, stage ${synced.ms.stage} ms, load ${synced.ms.load} ms), build ${result.ms} ms`,
  );
  builds.push(result);
  return result;
}

beforeAll(async () => {
  const world = generateWorld({ altasPerYear: ALTAS_PER_YEAR });
  console.log(
    `simulator world: ${world.altas.length} altas, ${world.invoices.length} CFDI, ${world.uploads.length} PREI uploads, ${world.paq.length} PAQ rows (altasPerYear ${ALTAS_PER_YEAR}, PREI rows per file ${PREI_ROWS_PER_FILE})`,
  );
  warehouse = await openSimulatedWarehouse(world, { preiRowsPerFile: PREI_ROWS_PER_FILE });
  await buildDay(DAYS[0] as string);
  await buildDay(DAYS[1] as string);
}, 3_600_000);

afterAll(async () => {
  await warehouse?.close();
});

describe(`reconciliation models on a simulated world (${ALTAS_PER_YEAR} altas a year)`, () => {
  it('passes every data test on every snapshot', () => {
    for (const result of builds) expect(failing(result)).toEqual([]);
    expect(builds.at(-1)?.tests.length).toBeGreaterThan(40);
  });

  it('scores the alta -> invoice and invoice -> PREI links against the answer key', async () => {
    const score: WorldScore = await scoreWorld(
      warehouse.session,
      answerKey(warehouse.world, DAYS[1] as string),
    );
    console.log(await describeScore(warehouse.session, `answer key as of ${DAYS[1]}`, score));
    for (const figure of [score.decidableAltaToInvoice, score.invoiceToPrei]) {
      expect(figure.expected).toBeGreaterThan(0);
      expect(figure.precision).toBeGreaterThanOrEqual(TARGET);
      expect(figure.recall).toBeGreaterThanOrEqual(TARGET);
    }
  });

  it('stores status history as changes: fewer rows than invoices times snapshots', async () => {
    const [counts] = await warehouse.session.all(
      `SELECT (SELECT count(*) FROM staging.stg_prei_status_history) AS history,
              (SELECT count(*) FROM staging.stg_prei_invoice_rows) AS snapshots,
              (SELECT count(DISTINCT uuid) FROM staging.stg_prei_invoice_rows) AS invoices`,
    );
    expect(Number(counts?.history)).toBeGreaterThanOrEqual(Number(counts?.invoices));
    expect(Number(counts?.history)).toBeLessThan(Number(counts?.snapshots));
  });

  it('changes nothing on a rebuild with no new data', async () => {
    const marts = ['reconciliation', 'unmatched_invoices', 'status_changes', 'receivables', 'cash_forecast'];
    const contents = () =>
      Promise.all(marts.map((mart) => warehouse.session.all(`SELECT * FROM marts.${mart} ORDER BY ALL`)));
    const before = await contents();
    const again = await build(warehouse.session);
    expect(failing(again)).toEqual([]);
    expect(await contents()).toEqual(before);
  });

  it("changes only what moved after a new day's data", { timeout: 3_600_000 }, async () => {
    const day = DAYS[2] as string;
    const previous = answerKey(warehouse.world, DAYS[1] as string);
    const next = answerKey(warehouse.world, day);
    // What the answer key says moved for each alta: new, invoiced, uploaded, or a new PREI state.
    const truthOf = (alta: (typeof next.altas)[number]) =>
      JSON.stringify([alta.invoiceUuid, alta.preiDocumento, alta.status, alta.contraRecibo]);
    const before = new Map(previous.altas.map((alta) => [alta.noAlta, truthOf(alta)]));
    const moved = new Set(
      next.altas.filter((alta) => before.get(alta.noAlta) !== truthOf(alta)).map((a) => a.noAlta),
    );

    // The chain the key also knows. Lifecycle and exception are left out: an unlinked alta turns
    // ambiguous when a new invoice could be its twin's, which the key has no notion of.
    const chain = async () =>
      new Map(
        (
          await warehouse.session.all(
            `SELECT no_alta, invoice_uuid, prei_documento, prei_estado_cr, contra_recibo
             FROM marts.reconciliation WHERE row_kind = 'alta'`,
          )
        ).map((row: SqlRow) => [String(row.no_alta), JSON.stringify(row)]),
      );
    const missesOf = async (key: typeof next) =>
      (await scoreWorld(warehouse.session, key)).altaToInvoice.misses.map((miss) => miss.alta);
    const old = await chain();
    const missedBefore = await missesOf(previous);
    const result = await buildDay(day);
    expect(failing(result)).toEqual([]);
    const changed = [...(await chain())].filter(([alta, row]) => old.get(alta) !== row).map(([alta]) => alta);
    // An alta whose link disagrees with the key on either day (each such miss is listed by the scoring)
    // may move when the key's does not, and the other way round: compare the rest exactly.
    const missed = new Set([...missedBefore, ...(await missesOf(next))]);
    const decided = (altas: Iterable<string>) => [...altas].filter((alta) => !missed.has(alta)).sort();
    expect(moved.size).toBeGreaterThan(0);
    expect(decided(changed)).toEqual(decided(moved));

    const changes = await warehouse.session.all(
      'SELECT change_type, count(*) AS n FROM marts.status_changes GROUP BY ALL',
    );
    console.log(
      `${day}: ${moved.size} altas moved (${missed.size} with a link that disagrees with the key set aside); status_changes ${JSON.stringify(changes)}`,
    );
    expect(changes.length).toBeGreaterThan(0);
  });

  it('builds incrementally, over three days, what a full refresh builds', async () => {
    // Every stored table, and every view: a mart that is a view reads the incremental tables under it.
    const tables = await warehouse.session.all(
      `SELECT table_schema || '.' || table_name AS relation FROM information_schema.tables
       WHERE table_schema IN ('staging', 'intermediate', 'marts') ORDER BY 1`,
    );
    const contents = async () =>
      Promise.all(
        tables.map(async ({ relation }) => ({
          relation,
          rows: await warehouse.session.all(`SELECT * FROM ${relation} ORDER BY ALL`),
        })),
      );
    const incremental = await contents();
    expect(builds.some((result) => result.models.some((model) => model.mode === 'incremental'))).toBe(true);
    const refreshed = await build(warehouse.session, { fullRefresh: true });
    expect(failing(refreshed)).toEqual([]);
    expect(tables.length).toBeGreaterThan(10);
    expect(await contents()).toEqual(incremental);
  });
});
