/**
 * @module openf1/simulate/sim-results
 * Classification derived from the laps: race order (laps done, then finish time), DNFs, gaps
 * ("+1 LAP" for lapped cars), points; qualifying and practice order from best laps.
 */
import type { SimRun, SimSessionTiming } from './sim-session.js'

const POINTS = [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]
const SPRINT_POINTS = [8, 7, 6, 5, 4, 3, 2, 1]

/** One classified driver. */
export interface Classified {
  readonly run: SimRun
  /** 1-based; null for DNF. */
  readonly position: number | null
  readonly laps: number
  /** Race: total seconds (leader) or gap; quali: best per segment. */
  readonly duration: number | null | (number | null)[]
  readonly gap: number | string | null | (number | null)[]
  readonly points: number
}

const finishOf = (run: SimRun): number => {
  const last = run.laps[run.laps.length - 1]
  return last === undefined ? Infinity : last.start + last.duration * 1000
}

/** Classifies a session. */
export function classify(timing: SimSessionTiming): Classified[] {
  if (timing.kind === 'race' || timing.kind === 'sprint') {
    const ranked = [...timing.runs].sort(
      (a, b) =>
        Number(a.dnf) - Number(b.dnf) || b.laps.length - a.laps.length || finishOf(a) - finishOf(b),
    )
    const leader = ranked[0]
    const leaderLaps = leader?.laps.length ?? 0
    const leaderTime = leader === undefined ? 0 : (finishOf(leader) - timing.start) / 1000
    const table = timing.kind === 'race' ? POINTS : SPRINT_POINTS
    return ranked.map((run, i) => {
      const down = leaderLaps - run.laps.length
      const total = (finishOf(run) - timing.start) / 1000
      return {
        run,
        position: run.dnf ? null : i + 1,
        laps: run.laps.length,
        duration: run.dnf ? null : +total.toFixed(3),
        gap: run.dnf
          ? null
          : i === 0
            ? 0
            : down > 0
              ? `+${down} LAP${down > 1 ? 'S' : ''}`
              : +(total - leaderTime).toFixed(3),
        points: run.dnf ? 0 : (table[i] ?? 0),
      }
    })
  }
  if (timing.kind === 'practice') {
    const ranked = [...timing.runs].sort((a, b) => (a.segments[0] ?? 999) - (b.segments[0] ?? 999))
    const best = ranked[0]?.segments[0] ?? 0
    return ranked.map((run, i) => ({
      run,
      position: i + 1,
      laps: run.laps.length,
      duration: run.segments[0] ?? null,
      gap:
        i === 0
          ? 0
          : run.segments[0] === null || run.segments[0] === undefined
            ? null
            : +(run.segments[0] - best).toFixed(3),
      points: 0,
    }))
  }
  // Qualifying: furthest segment reached, then best time in it.
  const reached = (r: SimRun): number =>
    r.segments[2] !== null ? 3 : r.segments[1] !== null ? 2 : 1
  const ranked = [...timing.runs].sort(
    (a, b) =>
      reached(b) - reached(a) ||
      (a.segments[reached(a) - 1] ?? 999) - (b.segments[reached(b) - 1] ?? 999),
  )
  const bestPerSeg = [0, 1, 2].map((s) =>
    Math.min(...timing.runs.map((r) => r.segments[s] ?? Infinity)),
  )
  return ranked.map((run, i) => ({
    run,
    position: i + 1,
    laps: run.laps.length,
    duration: [0, 1, 2].map((s) => run.segments[s] ?? null),
    gap: [0, 1, 2].map((s) => {
      const v = run.segments[s]
      return v === null || v === undefined ? null : +(v - (bestPerSeg[s] ?? v)).toFixed(3)
    }),
    points: 0,
  }))
}
