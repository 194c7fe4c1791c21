/**
 * @module openf1/simulate/sim-drs
 * DRS as the cars use it: per lap and DRS zone a *pass* runs from the detection point through the
 * activation line to the end of the zone. In a race or sprint, from lap 3 on, a car that crosses
 * the detection point within 1 s of the car ahead (any car, lapped ones included) shows 8 until
 * the activation line, then keeps DRS open (10/12/14) to the end of the zone; in practice and
 * qualifying every zone of a push lap (neither out- nor in-lap) is open. Elsewhere DRS is closed
 * (0/1). Nothing flickers: one activation per eligible pass at most, as in the recordings.
 */
import { seededRandom } from '../prng.js'
import type { SimLap, SimRun, SimSessionTiming } from './sim-session.js'
import type { SimTrack } from './sim-track.js'

/** The API's DRS codes used by the simulator. */
export const DRS = { off: 0, offAlt: 1, detected: 8 } as const

/** Eligibility gap to the car ahead at a detection point (ms). */
export const DRS_GAP_MS = 1000

/** One pass of a car through a DRS zone, in epoch ms. */
interface DrsPass {
  readonly detection: number
  readonly open: number
  readonly end: number
  /** The code while open (10, 12 or 14); 0 when the car is not eligible. */
  readonly code: number
}

/** A time on `laps[i]` at track position `u`, or undefined past the last lap. */
function crossing(
  track: SimTrack,
  laps: readonly SimLap[],
  i: number,
  u: number,
): number | undefined {
  const lap = laps[i]
  return lap === undefined ? undefined : lap.start + track.shareAt(u) * lap.duration * 1000
}

const detections = new WeakMap<SimSessionTiming, Map<number, Float64Array>>()

/** Every car's detection-point crossing times of zone `z`, sorted (cached per session). */
function detectionTimes(timing: SimSessionTiming, track: SimTrack, z: number): Float64Array {
  let byZone = detections.get(timing)
  if (byZone === undefined) detections.set(timing, (byZone = new Map()))
  let times = byZone.get(z)
  if (times === undefined) {
    const u = track.drsZones[z]?.detection ?? 0
    const all: number[] = []
    for (const run of timing.runs) {
      run.laps.forEach((_, i) => all.push(crossing(track, run.laps, i, u) ?? 0))
    }
    times = Float64Array.from(all).sort()
    byZone.set(z, times)
  }
  return times
}

/** Gap (ms) from `t` back to the previous crossing in `times` other than `t` itself. */
function gapAhead(times: Float64Array, t: number): number {
  let lo = 0
  let hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((times[mid] ?? 0) < t) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? Infinity : t - (times[lo - 1] ?? -Infinity)
}

/** The DRS passes of one car, in time order. */
export function drsPasses(
  timing: SimSessionTiming,
  track: SimTrack,
  run: SimRun,
  seed: number,
): DrsPass[] {
  const random = seededRandom(seed ^ (run.driver.number * 0x9e3779b1) ^ 0xd125)
  const race = timing.kind === 'race' || timing.kind === 'sprint'
  const laps = run.laps
  const passes: DrsPass[] = []
  laps.forEach((lap, i) => {
    track.drsZones.forEach((zone, z) => {
      const detection = crossing(track, laps, i, zone.detection)
      const iOpen = zone.start >= zone.detection ? i : i + 1
      const open = crossing(track, laps, iOpen, zone.start)
      const iEnd = zone.end >= zone.start ? iOpen : iOpen + 1
      const end = crossing(track, laps, iEnd, zone.end)
      if (detection === undefined || open === undefined || end === undefined) return
      const onLaps = laps.slice(i, iEnd + 1)
      const u = random()
      const code = u < 0.9 ? 12 : u < 0.985 ? 14 : 10
      const clean = onLaps.every((l) => !l.pitIn && !l.pitOut)
      const eligible = race
        ? lap.lap >= 3 &&
          clean &&
          gapAhead(detectionTimes(timing, track, z), detection) < DRS_GAP_MS
        : clean
      passes.push({ detection, open, end, code: eligible ? code : 0 })
    })
  })
  return passes.sort((a, b) => a.detection - b.detection)
}

/** The DRS code of a car over time; `at` must be called with non-decreasing times. */
export class DrsCursor {
  private i = 0
  private readonly offCode: number
  constructor(
    private readonly passes: readonly DrsPass[],
    seed: number,
  ) {
    this.offCode = seededRandom(seed)() < 0.65 ? DRS.off : DRS.offAlt
  }
  /** The code at `t` (epoch ms) for a car on track; `braking` closes an open DRS. */
  at(t: number, braking: boolean): number {
    while (this.i < this.passes.length && (this.passes[this.i]?.end ?? Infinity) <= t) this.i++
    const p = this.passes[this.i]
    if (p === undefined || p.code === 0 || t < p.detection) return this.offCode
    // Detected through the corner before the straight; open until the zone ends (or braking).
    if (t < p.open) return DRS.detected
    return braking ? this.offCode : p.code
  }
}
