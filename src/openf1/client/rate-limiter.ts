/**
 * @module openf1/client/rate-limiter
 * A rate limiter honouring several windows at once (e.g. 3/s and 30/min), shared by every
 * concurrent request of a client.
 *
 * Why a request occupies its window from the moment it is granted until `windowMs` after it
 * *completes* (its answer starts arriving): the server counts arrivals, and an arrival happens
 * somewhere between our send and the first byte of the answer. Network and scheduling delays (easily 100 ms on a busy machine) can
 * bunch arrivals closer together than our send times, so counting send times alone can let N+1
 * requests land in one server window. Counting a request until its completion + window is safe
 * whatever the delays (proof sketch: for any server window, the last-granted request in it was
 * granted after every other one had arrived, i.e. while they were in flight or completed less
 * than a window ago, so it saw them all).
 *
 * Concurrency contract: call `acquire()` before each HTTP attempt (retries included) and call the
 * returned `release()` once the server has certainly seen the request — when the answer's
 * headers arrive or the attempt fails — and before any slow body read. Grants
 * are handed out in arrival order (FIFO).
 */
import { SYSTEM_CLOCK, type Clock } from './clock.js'
import type { RateWindow } from './rate-spec.js'

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** The windows to honour; all of them at once. */
  readonly windows: readonly RateWindow[]
  /** Clock (injectable for tests). */
  readonly clock?: Clock
  /** Extra milliseconds added to every window (clock granularity). Default 5. */
  readonly safetyMs?: number
}

/** Marks the end of a granted request. */
export type Release = () => void

/** A promise with its resolver (Node 20 has no Promise.withResolvers). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

interface Slot {
  readonly start: number
  end: number | undefined
}

/** Grants permission to send a request without breaking any window. */
export class RateLimiter {
  private readonly windows: readonly RateWindow[]
  private readonly clock: Clock
  private readonly safetyMs: number
  private readonly longest: number
  private slots: Slot[] = []
  private tail: Promise<unknown> = Promise.resolve()
  private changed = signal()

  constructor(options: RateLimiterOptions) {
    this.windows = options.windows
    this.clock = options.clock ?? SYSTEM_CLOCK
    this.safetyMs = options.safetyMs ?? 5
    this.longest = Math.max(0, ...this.windows.map((w) => w.windowMs + this.safetyMs))
  }

  /** Resolves when a request may be sent; call the returned function when it has finished. */
  acquire(): Promise<Release> {
    const turn = this.tail.then(() => this.waitForSlot())
    this.tail = turn.catch(() => undefined)
    return turn
  }

  /** Milliseconds until a grant is possible: 0 when free, Infinity while blocked by requests in flight. */
  delayNow(): number {
    const now = this.clock.now()
    let wait = 0
    for (const w of this.windows) {
      const span = w.windowMs + this.safetyMs
      const counted = this.slots.filter((s) => s.end === undefined || s.end > now - span)
      if (counted.length < w.limit) continue
      const expiries = counted
        .filter((s) => s.end !== undefined)
        .map((s) => (s.end ?? 0) + span - now)
        .sort((a, b) => a - b)
      wait = Math.max(wait, expiries[counted.length - w.limit] ?? Infinity)
    }
    return wait
  }

  private async waitForSlot(): Promise<Release> {
    for (;;) {
      const wait = this.delayNow()
      if (wait <= 0) break
      const changed = this.changed.promise
      await (wait === Infinity ? changed : Promise.race([this.clock.sleep(wait), changed]))
    }
    const now = this.clock.now()
    this.slots = this.slots.filter((s) => s.end === undefined || s.end > now - this.longest)
    const slot: Slot = { start: now, end: undefined }
    this.slots.push(slot)
    let released = false
    return () => {
      if (released) return
      released = true
      slot.end = this.clock.now()
      const done = this.changed
      this.changed = signal()
      done.resolve()
    }
  }
}
