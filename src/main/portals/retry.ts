import { isRetryable } from './errors';

export interface RetryOptions {
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Injected for tests; Math.random in production. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** "Full jitter" backoff: a random delay up to base * 2^attempt, capped. */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'random'>,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/** Runs `work`, retrying transient failures; credential, human and verification failures fail at once. */
export async function withRetry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt + 1 >= options.attempts) throw error;
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(attempt + 1, delay, error);
      await (options.sleep ?? sleepFor)(delay);
    }
  }
}
