import { describe, expect, it } from 'vitest'
import { deltaOverDistance, traceOf, type LapSample } from './telemetry.js'

/** A straight lap along x, `metres` long, at a constant `speed` m/s, sampled every second. */
function lap(metres: number, speed: number): LapSample[] {
  const n = Math.round(metres / speed)
  return Array.from({ length: n + 1 }, (_, i) => ({
    date: new Date(Date.UTC(2024, 5, 30, 13, 0, i)).toISOString(),
    x: i * speed * 10,
    y: 0,
    speed: speed * 3.6,
    throttle: 100,
    n_gear: 8,
    is_braking: false,
    drs_open: null,
  }))
}

describe('telemetry traces', () => {
  it('measures distance along the path in metres and progress in time', () => {
    const t = traceOf(1, 5, 10, lap(100, 10))
    expect(t.points.map((p) => p.distance)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    expect(t.points.at(-1)?.progress).toBe(1)
    expect(t.points[5]?.progress).toBe(0.5)
  })

  it('gives the time the second lap loses over distance', () => {
    const fast = traceOf(1, 5, 10, lap(100, 10))
    const slow = traceOf(2, 5, 20, lap(100, 5))
    const delta = deltaOverDistance(fast, slow)
    expect(delta[0]).toEqual({ distance: 0, delta: 0 })
    expect(delta[5]).toEqual({ distance: 50, delta: 5 })
    expect(delta.at(-1)).toEqual({ distance: 100, delta: 10 })
    expect(deltaOverDistance(fast, traceOf(2, 1, null, []))).toEqual([])
  })
})
