import { RefusedRequest } from '../util/refused';
import type { SqlSession } from '../warehouse/session';

/**
 * Grids, details and the fast rebuild read the models: before the first build there is nothing to
 * read, and the person is told to sync rather than shown a SQL catalog error.
 */
export async function assertReconciliationBuilt(session: SqlSession): Promise<void> {
  const found = await session.all(
    `SELECT count(*) AS n FROM information_schema.tables
     WHERE (table_schema = 'marts' AND table_name = 'reconciliation')
        OR (table_schema = 'intermediate' AND table_name = 'int_as_of')`,
  );
  if (Number(found[0]?.n ?? 0) < 2) {
    throw new RefusedRequest('No reconciliation has been built yet: run a sync (or `puente build`) first.');
  }
}
