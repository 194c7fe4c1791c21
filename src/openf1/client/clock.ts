/**
 * @module openf1/client/clock
 * Time as a port, so the rate limiter and the retry policy can be tested with a fake clock.
 */

/** A clock with a cancellable-free sleep. */
export interface Clock {
  /** Milliseconds since some fixed origin (monotonic for the real clock). */
  now(): number
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>
}

/** The real clock (`performance.now()` + `setTimeout`). */
export const SYSTEM_CLOCK: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
}

/** Resolves after every queued microtask has run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A manual clock for tests: `sleep` resolves when {@link FakeClock.advance} moves time past it.
 * With `autoAdvance`, a sleep immediately jumps time forward, so code that only waits runs
 * instantly and deterministically.
 */
export class FakeClock implements Clock {
  private t: number
  private readonly sleepers: { until: number; resolve: () => void }[] = []
  private readonly autoAdvance: boolean

  constructor(start = 0, options: { autoAdvance?: boolean } = {}) {
    this.t = start
    this.autoAdvance = options.autoAdvance ?? false
  }

  now(): number {
    return this.t
  }

  sleep(ms: number): Promise<void> {
    const until = this.t + Math.max(0, ms)
    if (this.autoAdvance) {
      this.t = Math.max(this.t, until)
      return Promise.resolve()
    }
    return new Promise((resolve) => this.sleepers.push({ until, resolve }))
  }

  /** Moves time forward by `ms`, waking every sleeper whose time has come (in order). */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms
    // Let pending work run (and register its sleeps) before time moves.
    await flush()
    for (;;) {
      this.sleepers.sort((a, b) => a.until - b.until)
      const next = this.sleepers[0]
      if (next === undefined || next.until > target) break
      this.sleepers.shift()
      this.t = Math.max(this.t, next.until)
      next.resolve()
      // Let the woken code run (and possibly sleep again) before moving on.
      await flush()
    }
    this.t = target
  }
}
