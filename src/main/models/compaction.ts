import type { SqlSession } from '../warehouse/session';

/**
 * At every checkpoint DuckDB compacts each row group holding a deleted row, rewriting it whole:
 * merging 28,000 changed altas into a million-row table cost 0.59 s of checkpoint with compaction,
 * 0.05 s without. So a build merges with compaction off, and a table is compacted only once its
 * deleted rows pass this share of its stored rows (scans skip deleted rows but still read them).
 */
export const COMPACT_AT_DEAD_SHARE = 0.25;

export interface DeferredCompaction {
  /**
   * Runs a merge into the relation. If the relation's deleted rows had already passed the share, the
   * merge runs with compaction on and a checkpoint follows, so the relation is compacted with it.
   */
  merge<T>(relation: string, work: () => Promise<T>): Promise<{ result: T; compacted: boolean }>;
  /** Puts compaction back as it was. */
  restore(): Promise<void>;
}

async function deadShare(session: SqlSession, relation: string): Promise<number> {
  const [schema, table] = relation.split('.');
  const [row] = await session.all(
    `SELECT estimated_size AS stored, (SELECT count(*) FROM ${relation}) AS live
     FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2`,
    [schema ?? '', table ?? ''],
  );
  const stored = Number(row?.stored ?? 0);
  return stored === 0 ? 0 : (stored - Number(row?.live ?? 0)) / stored;
}

/** Turns DuckDB's compaction at checkpoints off until `restore()`. */
export async function deferCompaction(session: SqlSession): Promise<DeferredCompaction> {
  const [setting] = await session.all("SELECT current_setting('max_vacuum_tasks') AS tasks");
  const tasks = Number(setting?.tasks ?? 100);
  await session.run('SET max_vacuum_tasks = 0');
  return {
    async merge(relation, work) {
      if ((await deadShare(session, relation)) <= COMPACT_AT_DEAD_SHARE)
        return { result: await work(), compacted: false };
      await session.run(`SET max_vacuum_tasks = ${tasks}`);
      try {
        const result = await work();
        await session.run('CHECKPOINT');
        return { result, compacted: true };
      } finally {
        await session.run('SET max_vacuum_tasks = 0');
      }
    },
    async restore() {
      await session.run(`SET max_vacuum_tasks = ${tasks}`);
    },
  };
}
