/**
 * @module openf1/client/ideal-schedule
 * The fastest schedule the rate windows allow for `n` requests (greedy, no safety margin): the
 * yardstick for "achieved rate vs allowed rate" in tests and benchmarks.
 */
import { FakeClock } from './clock.js'
import { RateLimiter } from './rate-limiter.js'
import type { RateWindow } from './rate-spec.js'

/** Grant times (ms from the first) of `n` requests under `windows`, as early as allowed. */
export async function idealSchedule(windows: readonly RateWindow[], n: number): Promise<number[]> {
  const clock = new FakeClock(0, { autoAdvance: true })
  const limiter = new RateLimiter({ windows, clock, safetyMs: 0 })
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const release = await limiter.acquire()
    release()
    times.push(clock.now())
  }
  return times
}

/** The most requests seen inside any window of `windowMs` (times sorted ascending, ms). */
export function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  let best = 0
  let lo = 0
  for (let hi = 0; hi < times.length; hi++) {
    while ((times[hi] ?? 0) - (times[lo] ?? 0) >= windowMs) lo++
    best = Math.max(best, hi - lo + 1)
  }
  return best
}
