/**
 * `work` over `items`, at most `size` calls at once, results in item order. On a failure it waits for
 * the calls already started (so none is still writing when the caller cleans up), then throws the first error.
 */
export async function mapFewAtATime<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    for (const result of await Promise.allSettled(items.slice(i, i + size).map(work))) {
      if (result.status === 'rejected') throw result.reason;
      results.push(result.value);
    }
  }
  return results;
}
