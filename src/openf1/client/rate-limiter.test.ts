import { describe, expect, it } from 'vitest'
import { FakeClock } from './clock.js'
import { RateLimiter } from './rate-limiter.js'
import { parseRateSpec, type RateWindow } from './rate-spec.js'

/** The largest number of grants inside any window of `ms` (half-open). */
function maxInWindow(times: readonly number[], ms: number): number {
  let best = 0
  for (let i = 0; i < times.length; i++) {
    let n = 0
    for (let j = i; j < times.length && (times[j] ?? 0) < (times[i] ?? 0) + ms; j++) n++
    best = Math.max(best, n)
  }
  return best
}

async function grantTimes(windows: RateWindow[], count: number, safetyMs = 0): Promise<number[]> {
  const clock = new FakeClock(0, { autoAdvance: true })
  const limiter = new RateLimiter({ windows, clock, safetyMs })
  const times: number[] = []
  await Promise.all(
    Array.from({ length: count }, () =>
      limiter.acquire().then((release) => {
        times.push(clock.now())
        release()
      }),
    ),
  )
  return times
}

describe('RateLimiter', () => {
  it('honours every window at once and is greedy within them', async () => {
    const windows = parseRateSpec('3/s,10/5s')
    const times = await grantTimes(windows, 25)
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(3)
    expect(maxInWindow(times, 5000)).toBeLessThanOrEqual(10)
    // Greedy: 3 at t=0, 3 at 1 s, 3 at 2 s, then the 10th at 3 s; the 11th must wait for 5 s.
    expect(times.slice(0, 10)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000, 3000])
    expect(times[10]).toBe(5000)
  })

  it('adds the safety margin to each window', async () => {
    const times = await grantTimes([{ limit: 2, windowMs: 1000 }], 5, 50)
    expect(times).toEqual([0, 0, 1050, 1050, 2100])
  })

  it('counts a request until a window after it completes, however long it was in flight', async () => {
    const clock = new FakeClock(0)
    const limiter = new RateLimiter({ windows: [{ limit: 1, windowMs: 100 }], clock, safetyMs: 0 })
    const first = await limiter.acquire()
    let second = -1
    const pending = limiter.acquire().then((release) => {
      second = clock.now()
      release()
    })
    await clock.advance(500)
    expect(second).toBe(-1) // the first is still in flight at 500 ms
    first()
    await clock.advance(99)
    expect(second).toBe(-1)
    await clock.advance(1)
    await pending
    expect(second).toBe(600)
  })

  it('serves waiting callers in arrival order', async () => {
    const clock = new FakeClock(0)
    const limiter = new RateLimiter({ windows: [{ limit: 1, windowMs: 100 }], clock, safetyMs: 0 })
    const order: number[] = []
    const all = [0, 1, 2, 3].map((i) =>
      limiter.acquire().then((release) => {
        order.push(i)
        release()
      }),
    )
    for (let i = 0; i < 10; i++) await clock.advance(100)
    await Promise.all(all)
    expect(order).toEqual([0, 1, 2, 3])
    expect(clock.now()).toBe(1000)
  })
})

describe('parseRateSpec', () => {
  it('reads several windows with units and counts', () => {
    expect(parseRateSpec('6/s, 60/min,30/10s')).toEqual([
      { limit: 6, windowMs: 1000 },
      { limit: 60, windowMs: 60_000 },
      { limit: 30, windowMs: 10_000 },
    ])
  })

  it('names the part it cannot read', () => {
    expect(() => parseRateSpec('3/s,thirty/min')).toThrow(/thirty\/min/)
    expect(() => parseRateSpec('3/fortnight')).toThrow(/unit/)
  })
})
