import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type StagedRecord, StagingLog } from '../../../src/main/jobs/staging-log';

/**
 * A power cut can leave staged.jsonl ending in half a line; the next record must start on a line of
 * its own, or it would be lost with the torn one and its file staged again under a new key.
 */
const dir = mkdtempSync(join(tmpdir(), 'puente-staging-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (srcSha256: string): StagedRecord => ({
  srcSha256,
  dataset: 'sai_altas',
  key: `raw/sai_altas/dt=2025-06-03/R_${srcSha256}.parquet`,
  rows: 3,
  stagedAt: '2025-06-03T12:00:00.000Z',
});

describe('staging log after a torn write', () => {
  it('keeps the record appended after a torn last line', async () => {
    const file = join(dir, 'staged.jsonl');
    appendFileSync(
      file,
      `${JSON.stringify(record('a'.repeat(64)))}\n${JSON.stringify(record('b'.repeat(64))).slice(0, 40)}`,
    );
    await new StagingLog(file).add([record('c'.repeat(64))]);
    const reread = new StagingLog(file);
    expect(reread.has('a'.repeat(64), 'sai_altas')).toBe(true);
    expect(reread.has('c'.repeat(64), 'sai_altas')).toBe(true);
  });
});
