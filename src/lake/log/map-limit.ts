/**
 * @module lake/log/map-limit
 * `Promise.all` with a bound on concurrency: replaying thousands of commits must not open
 * thousands of files at once (EMFILE).
 */

/** Maps `items` with at most `limit` calls of `fn` in flight; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i] as T, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}
