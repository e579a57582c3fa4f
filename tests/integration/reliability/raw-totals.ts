import { DATASET_NAMES, DATASETS } from '../../../src/main/ingest/datasets';
import type { SqlSession } from '../../../src/main/warehouse/session';

/**
 * What "the same warehouse" means after a crash: per raw table, the row count, the exact sum of every
 * money column, the source files and the number of distinct (file, row) pairs (equal to the count when
 * no row was loaded twice).
 */
export async function rawTotals(session: SqlSession): Promise<Record<string, string>> {
  const totals: Record<string, string> = {};
  for (const dataset of DATASET_NAMES) {
    const sums = DATASETS[dataset]
      .filter((column) => column.type === 'money')
      .map((column) => `coalesce(sum(${column.name}), 0)::VARCHAR`);
    const [row] = await session.all(
      `SELECT concat_ws(' | ', count(*)::VARCHAR, count(DISTINCT (_src_file, _src_row))::VARCHAR,
              count(DISTINCT _src_file)::VARCHAR${sums.map((sum) => `, ${sum}`).join('')}) AS t
       FROM raw.${dataset}`,
    );
    totals[dataset] = String(row?.t);
  }
  return totals;
}
