import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CanonicalBatch } from '../../../src/main/ingest/datasets';
import { loadPending } from '../../../src/main/jobs/load-staged';
import { StagingLog } from '../../../src/main/jobs/staging-log';
import { LocalFolderStage } from '../../../src/main/stage/local-folder-stage';
import type { Stage } from '../../../src/main/stage/stage';
import { stageKey } from '../../../src/main/stage/stage-key';
import { sha256OfFile, writeStagedFile } from '../../../src/main/stage/staged-file';
import { type LoadOutcome, ledger } from '../../../src/main/warehouse/duckdb/loader';
import { DuckDbSession } from '../../../src/main/warehouse/duckdb/session';
import { altasBatch } from '../stage/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'puente-load-pending-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function paqBatch(seed: string): CanonicalBatch {
  const srcSha256 = createHash('sha256').update(`paq-${seed}`).digest('hex');
  return {
    dataset: 'paq_links',
    srcFile: `landing/${srcSha256.slice(0, 2)}/${srcSha256}.xlsx`,
    srcSha256,
    extraColumns: [],
    rows: [{ srcRow: 2, values: { folio: `P-${seed}`, referencia: '40126288', alta: '058001-107046' } }],
  };
}

/** Stages `batch` under `runId` and logs it, as the stage step of a sync does. */
async function stageAndLog(stage: LocalFolderStage, log: StagingLog, batch: CanonicalBatch, runId: string) {
  const staged = await writeStagedFile(batch, join(dir, 'work'));
  const key = stageKey({ dataset: batch.dataset, date: '2025-07-01', runId, srcSha256: batch.srcSha256 });
  await stage.put(staged.path, key);
  await log.add([
    {
      srcSha256: batch.srcSha256,
      dataset: batch.dataset,
      key,
      rows: staged.rows,
      stagedAt: new Date().toISOString(),
    },
  ]);
  return key;
}

describe('loadPending', () => {
  it('loads one transaction per dataset, reports every file, and a rerun loads nothing', async () => {
    const stage = new LocalFolderStage(join(dir, 'stage'));
    const log = new StagingLog(join(dir, 'staged.jsonl'));
    const db = await DuckDbSession.open(join(dir, 'warehouse.duckdb'));
    try {
      const a1 = await stageAndLog(stage, log, altasBatch(5, 'q1'), 'R1');
      const p1 = await stageAndLog(stage, log, paqBatch('1'), 'R1');
      const a2 = await stageAndLog(stage, log, altasBatch(6, 'q2'), 'R1');
      const p2 = await stageAndLog(stage, log, paqBatch('2'), 'R1');
      // The same altas content staged again by a later run: loaded once, the second reported as a skip.
      const a1Again = await stageAndLog(stage, log, altasBatch(5, 'q1'), 'R2');

      const reported: Array<[string, number, number]> = [];
      const outcomes = await loadPending(db, stage, log, join(dir, 'scratch'), (outcome, done, total) =>
        reported.push([outcome.key, done, total]),
      );
      expect(reported).toEqual([
        [a1, 1, 5],
        [a2, 2, 5],
        [a1Again, 3, 5],
        [p1, 4, 5],
        [p2, 5, 5],
      ]);
      const byKey = new Map(outcomes.map((o): [string, LoadOutcome] => [o.key, o]));
      expect(byKey.get(a1Again)).toMatchObject({ status: 'skipped', loadedAs: a1, rows: 5 });
      expect(outcomes.filter((o) => o.status === 'loaded').map((o) => o.rows)).toEqual([5, 6, 1, 1]);
      // One transaction per dataset: the files of a dataset share their load time.
      expect(byKey.get(a1)?.loadedAt).toBe(byKey.get(a2)?.loadedAt);
      expect(byKey.get(p1)?.loadedAt).toBe(byKey.get(p2)?.loadedAt);

      const [altas] = await db.all('SELECT count(*) AS n FROM raw.sai_altas');
      expect(altas?.n).toBe('11');
      // Skips leave no ledger row, so the restaged copy is looked at again, and skipped again.
      const again = await loadPending(db, stage, log, join(dir, 'scratch'));
      expect(again.map((o) => [o.key, o.status])).toEqual([[a1Again, 'skipped']]);
      const [after] = await db.all('SELECT count(*) AS n FROM raw.sai_altas');
      expect(after?.n).toBe('11');
    } finally {
      await db.close();
    }
  });

  it('downloads from a stage without local paths, checks and loads the copies, then removes them', async () => {
    const local = new LocalFolderStage(join(dir, 'remote'));
    // The same files seen as a remote stage would show them: no localPath, so the loader gets copies.
    const remote: Stage = {
      describe: () => 'remote view of a local folder',
      put: (path, key) => local.put(path, key),
      list: (prefix) => local.list(prefix),
      get: (key, destPath) => local.get(key, destPath),
    };
    const log = new StagingLog(join(dir, 'remote.jsonl'));
    const db = await DuckDbSession.open(join(dir, 'remote.duckdb'));
    try {
      const keys: string[] = [];
      for (let i = 1; i <= 6; i++) keys.push(await stageAndLog(local, log, altasBatch(i, `r${i}`), 'R3'));
      const scratch = join(dir, 'remote-scratch');
      const outcomes = await loadPending(db, remote, log, scratch);
      expect(outcomes.map((o) => [o.key, o.status, o.rows])).toEqual(
        keys.map((key, i) => [key, 'loaded', i + 1]),
      );
      const hashes = await Promise.all(keys.map((key) => sha256OfFile(local.localPath(key))));
      expect((await ledger(db)).map((e) => e.sha256).sort()).toEqual([...hashes].sort());
      expect(existsSync(scratch) ? readdirSync(scratch) : []).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
