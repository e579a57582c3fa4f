import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { loadCraftedWorld } from '../models/crafted-world';

/**
 * The crafted world of the model tests, loaded for two days and built: every rule the worklist
 * shows (ambiguous pair 3/4, amount mismatch 5, missing from PREI 6, ...). `path` is a DuckDB file
 * or ':memory:'.
 */
export async function craftedWarehouse(path: string): Promise<DuckDbSession> {
  const session = await DuckDbSession.open(path);
  await loadCraftedWorld(session, { skipTests: true });
  return session;
}
