/**
 * @module openf1/client/rate-limiter
 * A sliding-window-log rate limiter honouring several windows at once (e.g. 3/s and 30/min),
 * shared by every concurrent request of a client.
 *
 * Concurrency contract: callers `await acquire()` before each HTTP attempt (retries included).
 * Grants are handed out strictly in arrival order (FIFO), so no caller starves. Each grant's
 * timestamp is recorded at the moment it is granted.
 */
import { SYSTEM_CLOCK, type Clock } from './clock.js'
import type { RateWindow } from './rate-spec.js'

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** The windows to honour; all of them at once. */
  readonly windows: readonly RateWindow[]
  /** Clock (injectable for tests). */
  readonly clock?: Clock
  /**
   * Extra milliseconds added to every window, so that network jitter between our send time and
   * the server's arrival time cannot squeeze N+1 requests into the server's window. Default 25.
   */
  readonly safetyMs?: number
}

/** Grants permission to send a request without breaking any window. */
export class RateLimiter {
  private readonly windows: readonly RateWindow[]
  private readonly clock: Clock
  private readonly safetyMs: number
  /** Grant times, oldest first; trimmed to the longest window. */
  private readonly granted: number[] = []
  private readonly longest: number
  private tail: Promise<void> = Promise.resolve()

  constructor(options: RateLimiterOptions) {
    this.windows = options.windows
    this.clock = options.clock ?? SYSTEM_CLOCK
    this.safetyMs = options.safetyMs ?? 25
    this.longest = Math.max(0, ...this.windows.map((w) => w.windowMs + this.safetyMs))
  }

  /** Resolves when a request may be sent; the grant is counted against every window. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot())
    // The next caller queues behind this one whether it succeeds or not.
    this.tail = turn.catch(() => undefined)
    return turn
  }

  /** Milliseconds until a request could be granted now (0 when free). */
  delayNow(): number {
    const now = this.clock.now()
    let wait = 0
    for (const w of this.windows) {
      const span = w.windowMs + this.safetyMs
      // The grant that must leave the window before another fits: the limit-th most recent one.
      const inWindow = this.countSince(now - span)
      if (inWindow >= w.limit) {
        const blocking = this.granted[this.granted.length - w.limit]
        if (blocking !== undefined) wait = Math.max(wait, blocking + span - now)
      }
    }
    return wait
  }

  private countSince(from: number): number {
    let n = 0
    for (let i = this.granted.length - 1; i >= 0; i--) {
      const t = this.granted[i]
      if (t === undefined || t <= from) break
      n++
    }
    return n
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const wait = this.delayNow()
      if (wait <= 0) break
      await this.clock.sleep(wait)
    }
    const now = this.clock.now()
    this.granted.push(now)
    while (this.granted.length > 0 && (this.granted[0] ?? 0) <= now - this.longest) {
      this.granted.shift()
    }
  }
}
