/**
 * @module openf1/simulate/sim-track
 * A closed synthetic track: a smooth, non-self-intersecting loop (a perturbed ellipse) in the
 * API's units (x/y roughly decimetres, z about 7 000), with corners where the speed drops. The lap
 * is parametrised by `u` in [0, 1); {@link SimTrack.uAtFraction} maps the share of lap *time*
 * elapsed to `u`, so cars are slow in corners and fast on straights.
 */
import { seededRandom } from '../prng.js'

const STEPS = 2000

/** A precomputed track. */
export interface SimTrack {
  /** Position at `u`. */
  point(u: number): { x: number; y: number; z: number }
  /** Speed (km/h) at `u` for a car at race pace. */
  speed(u: number): number
  /** -1 braking, 0 steady, 1 accelerating at `u`. */
  slope(u: number): number
  /** `u` reached after `fraction` of a lap's time. */
  uAtFraction(fraction: number): number
  /** The `u` of the first and second intermediate and the speed trap. */
  readonly traps: { readonly i1: number; readonly i2: number; readonly st: number }
  /** Sector boundaries as shares of lap time. */
  readonly sectorShares: readonly [number, number, number]
  /** Share of a lap's time elapsed when reaching `u` (inverse of {@link uAtFraction}). */
  shareAt(u: number): number
  /** The 1–3 DRS zones along the longest straights, in lap order. */
  readonly drsZones: readonly DrsZone[]
}

/**
 * A DRS zone, as `u` positions: the detection point (before the corner leading onto the
 * straight), the activation line (on the straight) and the end (where braking starts). A zone
 * may wrap across the finish line (`end < start`).
 */
export interface DrsZone {
  readonly detection: number
  readonly start: number
  readonly end: number
}

/** Builds the track of `seed` with `corners` corners. */
export function buildTrack(seed: number, lengthKm: number): SimTrack {
  const random = seededRandom(seed)
  const a = [0.1 + random() * 0.1, 0.05 + random() * 0.08, 0.03 + random() * 0.05]
  const p = [random() * 6.28, random() * 6.28, random() * 6.28]
  const sx = 6000 + random() * 3000
  const sy = 3000 + random() * 2500
  const cx = (random() - 0.5) * 3000
  const cy = (random() - 0.5) * 2000
  const zPhase = random() * 6.28
  const corners = Array.from({ length: 8 + Math.floor(random() * 8) }, () => ({
    at: random(),
    depth: 0.3 + random() * 0.65,
    width: 0.01 + random() * 0.02,
  }))
  const vmax = 300 + random() * 35
  const vmin = 75 + random() * 30

  const point = (u: number): { x: number; y: number; z: number } => {
    const t = 2 * Math.PI * u
    const r =
      1 +
      (a[0] ?? 0) * Math.cos(2 * t + (p[0] ?? 0)) +
      (a[1] ?? 0) * Math.cos(3 * t + (p[1] ?? 0)) +
      (a[2] ?? 0) * Math.sin(5 * t + (p[2] ?? 0))
    return {
      x: Math.round(cx + sx * r * Math.cos(t)),
      y: Math.round(cy + sy * r * Math.sin(t)),
      z: Math.round(7200 + 320 * Math.sin(t + zPhase) * (lengthKm / 5)),
    }
  }
  const cornerDepth = (u: number): number => {
    let d = 0
    for (const c of corners) {
      const du = Math.min(Math.abs(u - c.at), 1 - Math.abs(u - c.at))
      d = Math.max(d, c.depth * Math.exp(-((du / c.width) ** 2)))
    }
    return d
  }
  const speeds = new Float64Array(STEPS + 1)
  for (let i = 0; i <= STEPS; i++) speeds[i] = vmax - (vmax - vmin) * cornerDepth(i / STEPS)
  const speed = (u: number): number => speeds[Math.round((((u % 1) + 1) % 1) * STEPS)] ?? vmax
  // Time to cover each step ∝ 1 / speed; cumulative share of lap time at each u.
  const cum = new Float64Array(STEPS + 1)
  for (let i = 1; i <= STEPS; i++) cum[i] = (cum[i - 1] ?? 0) + 1 / (speeds[i] ?? vmax)
  const total = cum[STEPS] ?? 1
  for (let i = 0; i <= STEPS; i++) cum[i] = (cum[i] ?? 0) / total
  const inverse = new Float64Array(STEPS + 1)
  let j = 0
  for (let i = 0; i <= STEPS; i++) {
    const f = i / STEPS
    while (j < STEPS && (cum[j + 1] ?? 1) < f) j++
    const lo = cum[j] ?? 0
    const hi = cum[j + 1] ?? 1
    inverse[i] = (j + (hi > lo ? (f - lo) / (hi - lo) : 0)) / STEPS
  }
  const uAt = (u: number): number =>
    inverse[Math.max(0, Math.min(STEPS, Math.round(u * STEPS)))] ?? 0
  const shareAt = (u: number): number => cum[Math.round((((u % 1) + 1) % 1) * STEPS)] ?? 0
  const fastest = (from: number, to: number): number => {
    let best = from
    for (let u = from; u < to; u += 0.005) if (speed(u) > speed(best)) best = u
    return best
  }
  return {
    point,
    speed,
    slope: (u) => {
      const d = speed(u + 0.002) - speed(u - 0.002)
      return d > 1 ? 1 : d < -1 ? -1 : 0
    },
    uAtFraction: uAt,
    traps: { i1: fastest(0.2, 0.33), i2: fastest(0.55, 0.7), st: fastest(0.85, 0.99) },
    sectorShares: [shareAt(1 / 3), shareAt(2 / 3) - shareAt(1 / 3), 1 - shareAt(2 / 3)],
    shareAt,
    drsZones: drsZones(speeds, vmin, vmax, 1 + Math.floor(random() * 3)),
  }
}

/**
 * The `count` longest straights (near top speed, circularly) as DRS zones: activation a little
 * after the straight begins, end where the speed starts to drop, detection 0.03 of a lap before.
 */
function drsZones(
  speeds: Float64Array,
  vmin: number,
  vmax: number,
  count: number,
): readonly DrsZone[] {
  const fast = (i: number): boolean =>
    (speeds[((i % STEPS) + STEPS) % STEPS] ?? 0) >= vmax - 0.12 * (vmax - vmin)
  let first = 0
  while (first < STEPS && fast(first)) first++
  const runs: { from: number; length: number }[] = []
  for (let k = 0; k < STEPS;) {
    if (!fast(first + k)) {
      k++
      continue
    }
    const from = first + k
    while (k < STEPS && fast(first + k)) k++
    runs.push({ from, length: first + k - from })
  }
  const wrap = (i: number): number => (((i % STEPS) + STEPS) % STEPS) / STEPS
  return runs
    .filter((r) => r.length >= 0.03 * STEPS)
    .sort((a, b) => b.length - a.length || a.from - b.from)
    .slice(0, count)
    .sort((a, b) => wrap(a.from) - wrap(b.from))
    .map((r) => {
      // The zone ends where braking starts (as `slope` sees it) or at the end of the straight.
      const at = (i: number): number => speeds[((i % STEPS) + STEPS) % STEPS] ?? 0
      const start = r.from + Math.round(0.1 * r.length)
      let end = start + 1
      while (end < r.from + r.length - 1 && at(end + 4) - at(end - 4) >= -1) end++
      return {
        detection: wrap(start - Math.round(0.03 * STEPS)),
        start: wrap(start),
        end: wrap(end - 1),
      }
    })
}
