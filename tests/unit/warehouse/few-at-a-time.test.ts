import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { mapFewAtATime } from '../../../src/main/warehouse/duckdb/few-at-a-time';

describe('mapFewAtATime', () => {
  it('keeps item order and never runs more than `size` calls at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapFewAtATime([5, 1, 4, 2, 3, 0, 2], 3, async (ms) => {
      most = Math.max(most, ++running);
      await sleep(ms);
      running--;
      return ms * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 20]);
    expect(most).toBe(3);
  });

  it('on a failure, waits for the calls already started, starts no more, and throws the first error', async () => {
    const finished: number[] = [];
    const started: number[] = [];
    const run = mapFewAtATime([1, 2, 3, 4], 2, async (n) => {
      started.push(n);
      if (n === 1) throw new Error('first failed');
      await sleep(20);
      finished.push(n);
      return n;
    });
    await expect(run).rejects.toThrow('first failed');
    expect(finished).toEqual([2]);
    expect(started).toEqual([1, 2]);
  });
});
