import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COMPACT_AT_DEAD_SHARE, compactionPolicy } from '../../../src/main/models/compaction';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';

// Compaction happens when a DuckDB file checkpoints, so these run on a file, not in memory.
let dir: string;
let session: DuckDbSession;

const storedRows = async () =>
  Number((await session.all("SELECT estimated_size AS n FROM duckdb_tables() WHERE table_name = 't'"))[0]?.n);

/** Deletes every tenth row (those ending in `slice`) and adds them back: a merge leaving deleted rows in storage. */
const mergeRows = (slice: number) => async () => {
  await session.run(`CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM main.t WHERE id % 10 = ${slice}`);
  await session.run('DELETE FROM main.t WHERE id IN (SELECT id FROM incoming)');
  await session.run('INSERT INTO main.t SELECT * FROM incoming');
  await session.run('CHECKPOINT');
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'puente-compaction-'));
  session = await DuckDbSession.open(join(dir, 'warehouse.duckdb'));
  await session.run(
    "CREATE TABLE main.t AS SELECT range AS id, 'row ' || range AS label FROM range(1000000)",
  );
  await session.run('CHECKPOINT');
});

afterEach(async () => {
  await session.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One build's merge into the table (a build reads the stored rows once, when it starts). */
async function buildMerging(slice: number) {
  const compaction = await compactionPolicy(session);
  return compaction.merge('main.t', 1_000_000, mergeRows(slice));
}

describe('compaction by share', () => {
  it('keeps deleted rows in storage while they are a small share, then compacts with the next merge', async () => {
    const first = await buildMerging(0);
    expect(first.compacted).toBe(false);
    expect(await storedRows()).toBe(1_100_000);
    // Each merge leaves 100,000 more deleted rows; the first merge after they pass the share compacts.
    const shares: number[] = [];
    let compacted = false;
    for (let slice = 1; slice < 10 && !compacted; slice++) {
      const stored = await storedRows();
      shares.push((stored - 1_000_000) / stored);
      compacted = (await buildMerging(slice)).compacted;
    }
    expect(compacted).toBe(true);
    expect(shares.at(-1)).toBeGreaterThan(COMPACT_AT_DEAD_SHARE);
    expect(shares.slice(0, -1).every((share) => share <= COMPACT_AT_DEAD_SHARE)).toBe(true);
    expect(await storedRows()).toBe(1_000_000);
  });

  it("leaves a merge's deleted rows to the policy: a checkpoint outside a build does not compact them", async () => {
    // A sync's ingest step checkpoints after loading; it must not pay for the merges of the last build.
    await buildMerging(0);
    await session.run('CREATE TABLE main.loaded AS SELECT 1 AS n');
    await session.run('CHECKPOINT');
    expect(await storedRows()).toBe(1_100_000);
  });
});
