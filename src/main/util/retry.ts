/**
 * Retries with exponential backoff and "full jitter" (a random delay up to base * 2^attempt, capped),
 * for the failures a later attempt may not meet. Each caller says which failures those are: the
 * portals retry transient portal errors, never wrong credentials; the S3 stage retries throttling,
 * 5xx and dropped connections, never permissions.
 */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export interface RetryOptions extends RetryPolicy {
  retryable: (error: unknown) => boolean;
  /** Injected by tests; Math.random in production. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseMs' | 'maxMs' | 'random'>,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/** Runs `work` (given the 0-based attempt), retrying what `retryable` accepts until attempts run out. */
export async function withRetry<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!options.retryable(error) || attempt + 1 >= options.attempts) throw error;
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(attempt + 1, delay, error);
      await (options.sleep ?? sleepFor)(delay);
    }
  }
}
