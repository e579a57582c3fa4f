import type { RebuildResult } from '../../shared/api';
import { type BuildOptions, build } from '../models/build';
import { RefusedRequest } from '../util/refused';
import type { SqlSession } from '../warehouse/session';

/**
 * The fast rebuild after a decision: only the models downstream of the decisions log (matching,
 * reconciliation and the marts), with their data tests; staging of the raw data is left as it is.
 */
export async function rebuildAfterDecisions(
  session: SqlSession,
  options: Pick<BuildOptions, 'vars' | 'sqlDir'> = {},
): Promise<RebuildResult> {
  const built = await session.all(
    "SELECT 1 AS found FROM information_schema.tables WHERE table_schema = 'marts' AND table_name = 'reconciliation'",
  );
  if (built.length === 0) {
    throw new RefusedRequest('No reconciliation has been built yet: run a sync (or `puente build`) first.');
  }
  const result = await build(session, { ...options, select: ['stg_decisions'] });
  return {
    ok: result.ok,
    ms: result.ms,
    models: result.models.length,
    failedTests: result.tests.filter((test) => test.failures > 0).map((test) => test.name),
  };
}
