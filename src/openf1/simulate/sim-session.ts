/**
 * @module openf1/simulate/sim-session
 * Lap timing of one simulated session: every driver's laps (start, duration, sectors, tyres),
 * stints and pit stops that agree with the laps, retirements, and qualifying segments.
 * Races run a fuel/tyre-degradation model; practice and qualifying run out-lap / flying / in-lap
 * programmes with garage time between them.
 */
import { gaussian, randomInt, seededRandom, type Random } from '../prng.js'
import type { SimCircuit, SimDriver } from './sim-grid.js'

/** The kinds of session the simulator knows. */
export type SimSessionKind = 'practice' | 'qualifying' | 'sprint-qualifying' | 'sprint' | 'race'

/** One lap. */
export interface SimLap {
  readonly lap: number
  /** Epoch ms at the start of the lap. */
  readonly start: number
  /** Seconds. */
  readonly duration: number
  readonly sectors: readonly [number, number, number]
  readonly pitOut: boolean
  readonly pitIn: boolean
  readonly compound: string
  /** Tyre age at the start of the lap. */
  readonly tyreAge: number
}

/** A stint. */
export interface SimStint {
  readonly stint: number
  readonly lapStart: number
  readonly lapEnd: number
  readonly compound: string
  readonly ageAtStart: number
}

/** A pit stop. */
export interface SimPit {
  readonly lap: number
  /** Epoch ms at pit entry. */
  readonly date: number
  readonly lane: number
  readonly stop: number
}

/** One driver's session. */
export interface SimRun {
  readonly driver: SimDriver
  readonly laps: readonly SimLap[]
  readonly stints: readonly SimStint[]
  readonly pits: readonly SimPit[]
  /** True when the car stopped before the end (races). */
  readonly dnf: boolean
  /** Best lap per qualifying segment (null when not run / eliminated). */
  readonly segments: readonly (number | null)[]
  /** Grid slot (races), 1-based. */
  readonly grid: number
}

/** A simulated session. */
export interface SimSessionTiming {
  readonly kind: SimSessionKind
  readonly start: number
  readonly end: number
  readonly raceLaps: number
  readonly runs: readonly SimRun[]
}

const COMPOUND_DEG: Readonly<Record<string, number>> = { SOFT: 0.09, MEDIUM: 0.055, HARD: 0.03 }

function sectorsOf(
  random: Random,
  duration: number,
  shares: readonly number[],
): [number, number, number] {
  const s1 = +(duration * (shares[0] ?? 0.33) * (1 + gaussian(random, 0, 0.004))).toFixed(3)
  const s2 = +(duration * (shares[1] ?? 0.33) * (1 + gaussian(random, 0, 0.004))).toFixed(3)
  return [s1, s2, +(duration - s1 - s2).toFixed(3)]
}

function strategy(random: Random, laps: number): { compound: string; until: number }[] {
  if (random() < 0.55) {
    const first = random() < 0.6 ? 'MEDIUM' : 'SOFT'
    return [
      { compound: first, until: Math.round(laps * (0.38 + random() * 0.15)) },
      { compound: 'HARD', until: laps },
    ]
  }
  return [
    { compound: 'SOFT', until: Math.round(laps * (0.22 + random() * 0.08)) },
    { compound: 'HARD', until: Math.round(laps * (0.58 + random() * 0.1)) },
    { compound: random() < 0.5 ? 'MEDIUM' : 'SOFT', until: laps },
  ]
}

/** Simulates a race or sprint. `order` is the grid (driver numbers), fastest first. */
export function simulateRace(
  seed: number,
  circuit: SimCircuit,
  drivers: readonly SimDriver[],
  start: number,
  kind: 'race' | 'sprint',
  shares: readonly number[],
): SimSessionTiming {
  const random = seededRandom(seed)
  const raceLaps = Math.round((kind === 'race' ? 305 : 100) / circuit.lengthKm)
  const grid = [...drivers].sort(
    (a, b) => a.pace + gaussian(random, 0, 0.12) - (b.pace + gaussian(random, 0, 0.12)),
  )
  const runs: SimRun[] = grid.map((driver, slot) => {
    const r = seededRandom(seed ^ (driver.number * 7919))
    const plan = kind === 'race' ? strategy(r, raceLaps) : [{ compound: 'MEDIUM', until: raceLaps }]
    const retireAt =
      r() < (kind === 'race' ? 0.08 : 0.03) ? randomInt(r, 2, raceLaps - 1) : raceLaps + 1
    const laps: SimLap[] = []
    const stints: SimStint[] = []
    const pits: SimPit[] = []
    let t = start + slot * 250
    let stintIdx = 0
    let age = 0
    let stintStart = 1
    const ageAtStart = r() < 0.3 ? randomInt(r, 2, 4) : 0
    for (let lap = 1; lap <= Math.min(raceLaps, retireAt); lap++) {
      const stint = plan[stintIdx] ?? { compound: 'HARD', until: raceLaps }
      const pitIn = lap === stint.until && lap < raceLaps && lap < retireAt
      const pitOut = lap > 1 && laps[laps.length - 1]?.pitIn === true
      let duration =
        circuit.lapSeconds * (1 + driver.pace / 100) +
        (COMPOUND_DEG[stint.compound] ?? 0.05) * (age + (stintIdx === 0 ? ageAtStart : 0)) +
        0.035 * (raceLaps - lap) * (kind === 'race' ? 1 : 0.3) +
        gaussian(r, 0, 0.25)
      if (lap === 1) duration += 3 + slot * 0.22
      if (pitIn) duration += 1.5
      let lane = 0
      if (pitOut) {
        lane = +(19 + r() * 4).toFixed(1)
        duration += lane - 2
      }
      duration = +duration.toFixed(3)
      laps.push({
        lap,
        start: Math.round(t),
        duration,
        sectors: sectorsOf(r, duration, shares),
        pitOut,
        pitIn,
        compound: stint.compound,
        tyreAge: age + (stintIdx === 0 ? ageAtStart : 0),
      })
      if (pitOut)
        pits.push({
          lap: lap - 1,
          date: Math.round(t - 4000),
          lane,
          stop: +(2.1 + r() * 1.4).toFixed(1),
        })
      t += duration * 1000
      age++
      if (pitIn || lap === Math.min(raceLaps, retireAt)) {
        stints.push({
          stint: stintIdx + 1,
          lapStart: stintStart,
          lapEnd: lap,
          compound: stint.compound,
          ageAtStart: stintIdx === 0 ? ageAtStart : 0,
        })
        stintIdx++
        age = 0
        stintStart = lap + 1
      }
    }
    return { driver, laps, stints, pits, dnf: retireAt <= raceLaps, segments: [], grid: slot + 1 }
  })
  const end = Math.max(...runs.flatMap((run) => run.laps.map((l) => l.start + l.duration * 1000)))
  return { kind, start, end: Math.round(end), raceLaps, runs }
}

/** Simulates practice or (sprint) qualifying: runs of out-lap, flying laps, in-lap. */
export function simulateRunPlan(
  seed: number,
  circuit: SimCircuit,
  drivers: readonly SimDriver[],
  start: number,
  kind: 'practice' | 'qualifying' | 'sprint-qualifying',
  shares: readonly number[],
): SimSessionTiming {
  const random = seededRandom(seed)
  const minute = 60_000
  const segments: [number, number][] =
    kind === 'practice'
      ? [[0, 60]]
      : kind === 'qualifying'
        ? [
            [0, 18],
            [25, 40],
            [48, 60],
          ]
        : [
            [0, 12],
            [19, 29],
            [36, 44],
          ]
  const state = new Map(
    drivers.map((d) => [
      d.number,
      { laps: [] as SimLap[], stints: [] as SimStint[], best: [] as (number | null)[] },
    ]),
  )
  let active = [...drivers]
  segments.forEach(([from, to], segIdx) => {
    for (const driver of active) {
      const s = state.get(driver.number)
      if (s === undefined) continue
      const r = seededRandom(seed ^ (driver.number * 104729) ^ (segIdx * 31))
      const runs = kind === 'practice' ? randomInt(r, 3, 5) : 2
      const span = (to - from) * minute
      let best: number | null = null
      for (let run = 0; run < runs; run++) {
        let t = start + from * minute + (span * run) / runs + r() * (span / runs) * 0.3
        const flying = kind === 'practice' ? randomInt(r, 2, 6) : 1
        const compound =
          kind === 'practice'
            ? (['SOFT', 'MEDIUM', 'HARD'][randomInt(r, 0, 2)] ?? 'MEDIUM')
            : 'SOFT'
        const lapStart = s.laps.length + 1
        for (let k = 0; k < flying + 2; k++) {
          const out = k === 0
          const inLap = k === flying + 1
          const push = kind === 'practice' ? 1.012 : 0.985 - segIdx * 0.002
          let duration = circuit.lapSeconds * push * (1 + driver.pace / 100) + gaussian(r, 0, 0.2)
          if (out) duration *= 1.32
          if (inLap) duration *= 1.28
          duration = +duration.toFixed(3)
          if (t + duration * 1000 > start + (to + 2) * minute) break
          if (!out && !inLap) best = best === null ? duration : Math.min(best, duration)
          s.laps.push({
            lap: s.laps.length + 1,
            start: Math.round(t),
            duration,
            sectors: sectorsOf(r, duration, shares),
            pitOut: out,
            pitIn: inLap,
            compound,
            tyreAge: k,
          })
          t += duration * 1000
        }
        if (s.laps.length >= lapStart) {
          s.stints.push({
            stint: s.stints.length + 1,
            lapStart,
            lapEnd: s.laps.length,
            compound,
            ageAtStart: 0,
          })
        }
      }
      s.best[segIdx] = best
    }
    if (kind !== 'practice' && segIdx < 2) {
      const ranked = [...active].sort(
        (a, b) =>
          (state.get(a.number)?.best[segIdx] ?? 999) - (state.get(b.number)?.best[segIdx] ?? 999),
      )
      active = ranked.slice(0, segIdx === 0 ? 15 : 10)
    }
  })
  void random
  const runs: SimRun[] = drivers.map((driver) => {
    const s = state.get(driver.number) ?? { laps: [], stints: [], best: [] }
    const segs = kind === 'practice' ? [s.best[0] ?? null] : [0, 1, 2].map((i) => s.best[i] ?? null)
    return { driver, laps: s.laps, stints: s.stints, pits: [], dnf: false, segments: segs, grid: 0 }
  })
  return {
    kind,
    start,
    end: start + (segments[segments.length - 1]?.[1] ?? 60) * minute,
    raceLaps: 0,
    runs,
  }
}
