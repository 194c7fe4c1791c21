/**
 * Simulated DRS: zones on straights, race eligibility (lap 3+, within 1 s at detection), and the
 * 8 → open → closed sequence without flicker.
 */
import { describe, expect, it } from 'vitest'
import { DrsCursor, DRS_GAP_MS, drsPasses } from './sim-drs.js'
import type { SimDriver } from './sim-grid.js'
import type { SimLap, SimRun, SimSessionKind, SimSessionTiming } from './sim-session.js'
import { buildTrack } from './sim-track.js'

const driver = (n: number): SimDriver => ({
  number: n,
  first: 'A',
  last: 'B',
  acronym: 'ABB',
  team: 'McLaren',
  country: 'GBR',
  pace: 0,
})

/** A car lapping in 90 s from `offset` ms; `flags(i)` marks pit laps. */
function run(n: number, offset: number, laps: number, pit = (_i: number) => false): SimRun {
  const lapList: SimLap[] = Array.from({ length: laps }, (_, i) => ({
    lap: i + 1,
    start: offset + i * 90_000,
    duration: 90,
    sectors: [30, 30, 30],
    pitOut: pit(i),
    pitIn: false,
    compound: 'SOFT',
    tyreAge: i,
  }))
  return {
    driver: driver(n),
    laps: lapList,
    stints: [],
    pits: [],
    dnf: false,
    segments: [],
    grid: n,
  }
}

const timing = (kind: SimSessionKind, runs: SimRun[]): SimSessionTiming => ({
  kind,
  start: 0,
  end: 10 * 90_000,
  raceLaps: 10,
  runs,
})

describe('simulated DRS', () => {
  it('builds 1-3 ordered zones on straights, none of them braking', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const track = buildTrack(seed, 5)
      expect(track.drsZones.length).toBeGreaterThanOrEqual(1)
      expect(track.drsZones.length).toBeLessThanOrEqual(3)
      for (const z of track.drsZones) {
        const len = (z.end - z.start + 1) % 1
        expect(len).toBeGreaterThan(0)
        for (let k = 0; k <= 20; k++)
          expect(track.slope((z.start + (len * k) / 20) % 1)).not.toBe(-1)
      }
    }
  })

  it('opens in a race only from lap 3 for a car within 1 s of the car ahead', () => {
    const track = buildTrack(5, 5)
    const close = run(2, 500, 10) // 0.5 s behind car 1 at every detection point
    const far = run(3, 500 + 2 * DRS_GAP_MS, 10) // 1.5 s behind car 2
    const t = timing('race', [run(1, 0, 10), close, far])
    const zones = track.drsZones.length
    const eligible = (r: SimRun): number => drsPasses(t, track, r, 9).filter((p) => p.code).length
    // Passes whose detection lap is 3..10 minus those running past the last lap (zone wrap).
    expect(eligible(close)).toBeGreaterThanOrEqual(7 * zones)
    expect(eligible(close)).toBeLessThanOrEqual(8 * zones)
    expect(eligible(far)).toBe(0)
    expect(
      drsPasses(t, track, close, 9).every((p) => !p.code || p.detection >= 500 + 2 * 90_000),
    ).toBe(true)
  })

  it('shows 8 from detection to the activation line, then one open code for the whole zone', () => {
    const track = buildTrack(5, 5)
    const t = timing('qualifying', [run(1, 0, 4, (i) => i === 0)])
    const passes = drsPasses(t, track, t.runs[0] as SimRun, 1)
    // Push laps 2-4; a zone crossing the line needs lap 5 for its last pass: dropped.
    const wraps = track.drsZones.filter((z) => z.start < z.detection || z.end < z.start).length
    expect(passes.filter((p) => p.code).length).toBe(3 * track.drsZones.length - wraps)
    const cursor = new DrsCursor(passes, 1)
    const codes: number[] = []
    for (let ms = 0; ms < 4 * 90_000; ms += 270) codes.push(cursor.at(ms, false))
    const opens = codes.filter((c, i) => c >= 10 && !((codes[i - 1] ?? 0) >= 10)).length
    expect(opens).toBe(passes.filter((p) => p.code && p.end <= 4 * 90_000).length)
    codes.forEach((c, i) => {
      if (c >= 10 && (codes[i - 1] ?? 0) < 10) expect(codes[i - 1]).toBe(8)
    })
  })
})
