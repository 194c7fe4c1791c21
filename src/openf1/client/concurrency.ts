/**
 * @module openf1/client/concurrency
 * A counting semaphore: at most `limit` holders at once, released in FIFO order.
 */

/** Bounds how many async tasks run at once. */
export class Semaphore {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError(`concurrency must be at least 1 (got ${limit})`)
  }

  /** Runs `task` once a slot is free; the slot is released when it settles. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r))
    else this.active++
    try {
      return await task()
    } finally {
      const next = this.waiting.shift()
      if (next === undefined) this.active--
      else next()
    }
  }
}

/** Maps `items` through `fn` with at most `limit` calls in flight; keeps the input order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const sem = new Semaphore(limit)
  return Promise.all(items.map((item, i) => sem.run(() => fn(item, i))))
}
