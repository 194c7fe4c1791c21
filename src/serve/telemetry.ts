/**
 * @module serve/telemetry
 * Turns a lap's samples (time, x/y, car data) into a trace over distance, and two traces into a
 * time delta over distance, as the dashboard's speed-trace comparison needs. Distances come from
 * the x/y path (OpenF1 positions are in 1/10 m), so they and the delta are approximate — FastF1
 * removed its own `delta_time` for that reason; the API says so in its documentation.
 */
import type { TelemetryLap, TelemetryPoint } from './api-types.js'

/** A sample as read from the tables. */
export interface LapSample {
  readonly date: string
  readonly x: number
  readonly y: number
  readonly speed: number | null
  readonly throttle: number | null
  readonly n_gear: number | null
  readonly is_braking: boolean | null
  readonly drs_open: boolean | null
}

/** Position units per metre. */
const UNITS_PER_METRE = 10

/** The samples of one lap (in time order) as a trace with distance and progress. */
export function traceOf(
  driver: number,
  lap: number,
  lapDuration: number | null,
  samples: readonly LapSample[],
): TelemetryLap {
  const t0 = samples.length === 0 ? 0 : Date.parse(samples[0]!.date)
  const tEnd = samples.length === 0 ? 0 : Date.parse(samples[samples.length - 1]!.date)
  const span = tEnd - t0
  let distance = 0
  const points: TelemetryPoint[] = samples.map((s, i) => {
    if (i > 0) {
      const p = samples[i - 1]!
      distance += Math.hypot(s.x - p.x, s.y - p.y) / UNITS_PER_METRE
    }
    return {
      distance: round(distance, 1),
      progress: span > 0 ? round((Date.parse(s.date) - t0) / span, 5) : 0,
      date: s.date,
      x: s.x,
      y: s.y,
      speed: s.speed,
      throttle: s.throttle,
      n_gear: s.n_gear,
      is_braking: s.is_braking,
      drs_open: s.drs_open,
    }
  })
  return { driver_number: driver, lap_number: lap, lap_duration: lapDuration, points }
}

/**
 * Seconds `b` is behind `a` at each of `a`'s points (positive = slower), comparing the two laps at
 * the same fraction of their own length (so slightly different racing lines do not drift).
 */
export function deltaOverDistance(
  a: TelemetryLap,
  b: TelemetryLap,
): { distance: number; delta: number }[] {
  const la = a.points.at(-1)?.distance ?? 0
  const lb = b.points.at(-1)?.distance ?? 0
  if (la <= 0 || lb <= 0) return []
  const timeA = elapsed(a)
  const timeB = elapsed(b)
  const out: { distance: number; delta: number }[] = []
  let j = 0
  for (let i = 0; i < a.points.length; i++) {
    const f = a.points[i]!.distance / la
    const target = f * lb
    while (j < b.points.length - 2 && b.points[j + 1]!.distance < target) j++
    const p = b.points[j]!
    const q = b.points[Math.min(j + 1, b.points.length - 1)]!
    const w = q.distance > p.distance ? (target - p.distance) / (q.distance - p.distance) : 0
    const tb =
      timeB[j]! +
      Math.min(Math.max(w, 0), 1) * (timeB[Math.min(j + 1, timeB.length - 1)]! - timeB[j]!)
    out.push({ distance: a.points[i]!.distance, delta: round(tb - timeA[i]!, 3) })
  }
  return out
}

function elapsed(lap: TelemetryLap): number[] {
  const t0 = lap.points.length === 0 ? 0 : Date.parse(lap.points[0]!.date)
  return lap.points.map((p) => (Date.parse(p.date) - t0) / 1000)
}

function round(value: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}
