import { build } from '../../../src/main/models/build';
import { decisionsTableDdl } from '../../../src/main/models/decisions';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { loadDay, recordDecisions } from '../models/crafted-world';
import { createRawTables } from '../models/raw-tables';

/**
 * The crafted world of the model tests, loaded for two days and built: every rule the worklist
 * shows (ambiguous pair 3/4, amount mismatch 5, missing from PREI 6, ...). `path` is a DuckDB file
 * or ':memory:'.
 */
export async function craftedWarehouse(path: string): Promise<DuckDbSession> {
  const session = await DuckDbSession.open(path);
  await createRawTables(session);
  await session.run('CREATE SCHEMA IF NOT EXISTS app');
  await session.run(decisionsTableDdl('duckdb'));
  await recordDecisions(session);
  await loadDay(session, 1);
  await build(session, { skipTests: true });
  await loadDay(session, 2);
  await build(session, { skipTests: true });
  return session;
}
