import { describe, expect, it } from 'vitest';
import { isRetryable, PortalError } from '../../../src/main/portals/errors';
import { Pacer } from '../../../src/main/portals/pacer';
import { backoffDelay, withRetry } from '../../../src/main/util/retry';

const noSleep = async () => {};

describe('retry', () => {
  it('retries transient failures with growing, capped, jittered delays', async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls += 1;
        if (calls < 4) throw new PortalError('transient', 'prei', 'HTTP 500');
        return 'ok';
      },
      {
        retryable: isRetryable,
        attempts: 5,
        baseMs: 100,
        maxMs: 400,
        random: () => 1,
        sleep: noSleep,
        onRetry: (_a, d) => delays.push(d),
      },
    );
    expect(result).toBe('ok');
    expect(delays).toEqual([100, 200, 400]);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0.5 })).toBe(400);
  });

  it('never retries wrong credentials: one attempt, then the error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw new PortalError('credentials', 'sai', 'usuario o contraseña incorrectos');
        },
        { retryable: isRetryable, attempts: 5, baseMs: 1, maxMs: 1, sleep: noSleep },
      ),
    ).rejects.toThrow(/SAI: usuario/);
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with the last error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls += 1;
          throw new Error(`timeout ${calls}`);
        },
        { retryable: isRetryable, attempts: 3, baseMs: 1, maxMs: 1, sleep: noSleep },
      ),
    ).rejects.toThrow('timeout 3');
  });
});

describe('pacer', () => {
  it('spaces requests by the pacing interval', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new Pacer(
      500,
      100,
      () => now,
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
    );
    await pacer.turn();
    now += 200;
    await pacer.turn();
    expect(waits).toEqual([300]);
  });

  it('caps requests per sliding minute', async () => {
    let now = 0;
    const pacer = new Pacer(
      0,
      3,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    for (let i = 0; i < 3; i += 1) await pacer.turn();
    expect(pacer.waitMs()).toBe(60_000);
    await pacer.turn();
    expect(now).toBe(60_000);
    expect(pacer.requestsInLastMinute).toBe(1);
  });
});
