import type { RebuildResult } from '../../shared/api';
import { type BuildOptions, build } from '../models/build';
import type { SqlSession } from '../warehouse/session';
import { assertReconciliationBuilt } from './built';

/**
 * The fast rebuild after a decision: only the models downstream of the decisions log (matching,
 * reconciliation and the marts), with their data tests; staging of the raw data is left as it is.
 */
export async function rebuildAfterDecisions(
  session: SqlSession,
  options: Pick<BuildOptions, 'vars' | 'sqlDir'> = {},
): Promise<RebuildResult> {
  await assertReconciliationBuilt(session);
  const result = await build(session, { ...options, select: ['stg_decisions'] });
  return {
    ok: result.ok,
    ms: result.ms,
    models: result.models.length,
    failedTests: result.tests.filter((test) => test.failures > 0).map((test) => test.name),
  };
}
