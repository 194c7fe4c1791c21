/**
 * @module openf1/simulate/sim-telemetry
 * `location` and `car_data` at ~3.7 Hz, generated lazily as JSON text (one record per string) so
 * a race's ~1M rows stream to disk without being held in memory. Location timestamps are shared by
 * every car of a session (as in the API); car_data timestamps are per car. Cars sit at 0/0/0
 * before their first lap and in the pit box between runs (the API's quirks, API.md §5.1).
 */
import { seededRandom, type Random } from '../prng.js'
import type { SessionContext } from './sim-records.js'
import { apiDate } from './sim-dates.js'
import type { SimRun } from './sim-session.js'
import { DrsCursor, drsPasses } from './sim-drs.js'

/** The API's telemetry rate. */
export const API_TELEMETRY_HZ = 3.7

/** Sample times (epoch ms) at ~`hz` (default the API's ~3.7 Hz) between `from` and `to`. */
export function sampleTimes(
  random: Random,
  from: number,
  to: number,
  hz = API_TELEMETRY_HZ,
): number[] {
  const scale = API_TELEMETRY_HZ / hz
  const out: number[] = []
  for (let t = from + random() * 200; t < to;) {
    out.push(Math.round(t))
    const u = random()
    // Mostly 0.2–0.32 s, sometimes a short 0.02–0.1 s or a long up to 1.3 s gap (median ~0.26 s).
    t +=
      scale *
      (u < 0.04 ? 20 + random() * 80 : u < 0.97 ? 200 + random() * 120 : 500 + random() * 800)
  }
  return out
}

/** The lap a time falls in, walking forward (times must be non-decreasing). */
class LapCursor {
  private i = 0
  constructor(private readonly run: SimRun) {}
  at(t: number): { u: number; lapIndex: number; pace: number; pit: boolean } | 'before' | 'off' {
    const laps = this.run.laps
    const first = laps[0]
    if (first === undefined || t < first.start) return 'before'
    while (this.i < laps.length - 1 && (laps[this.i + 1]?.start ?? Infinity) <= t) this.i++
    const lap = laps[this.i]
    if (lap === undefined) return 'off'
    const f = (t - lap.start) / (lap.duration * 1000)
    if (f >= 1) return 'off'
    return { u: f, lapIndex: this.i, pace: lap.duration, pit: lap.pitIn || lap.pitOut }
  }
}

/** Location records of one driver, as JSON strings. */
export function* locationRecords(
  c: SessionContext,
  run: SimRun,
  times: readonly number[],
): Generator<string> {
  const cursor = new LapCursor(run)
  const head = `"session_key":${c.session.sessionKey},"meeting_key":${c.meeting.meetingKey},"driver_number":${run.driver.number}`
  const box = c.track.point(0.985)
  for (const t of times) {
    const at = cursor.at(t)
    let p = { x: 0, y: 0, z: 0 }
    if (at === 'off') p = { x: box.x + 120, y: box.y + 90, z: box.z }
    else if (at !== 'before') p = c.track.point(c.track.uAtFraction(at.u))
    yield `{"date":"${apiDate(t)}",${head},"z":${p.z},"x":${p.x},"y":${p.y}}`
  }
}

/** car_data records of one driver, as JSON strings. */
export function* carDataRecords(
  c: SessionContext,
  run: SimRun,
  from: number,
  to: number,
  hz = API_TELEMETRY_HZ,
): Generator<string> {
  const random = seededRandom(c.seed ^ (run.driver.number * 2654435761))
  const cursor = new LapCursor(run)
  const head = `"session_key":${c.session.sessionKey},"driver_number":${run.driver.number},"meeting_key":${c.meeting.meetingKey}`
  const drsSeed = c.seed ^ (run.driver.number * 40503)
  const drsCursor = new DrsCursor(drsPasses(c.timing, c.track, run, drsSeed), drsSeed)
  for (const t of sampleTimes(random, from, to, hz)) {
    const at = cursor.at(t)
    let speed = 0
    let gear = 0
    let rpm = 0
    let throttle = 0
    let brake = 0
    let drs = 0
    if (typeof at === 'object') {
      const u = c.track.uAtFraction(at.u)
      const slow = at.pit ? 0.8 : 1
      speed = Math.max(0, Math.round(c.track.speed(u) * slow * (1 + (random() - 0.5) * 0.02)))
      gear = Math.min(8, Math.max(1, 1 + Math.floor((speed - 60) / 35)))
      rpm = Math.round(
        Math.min(12_400, 7800 + ((speed - 60 - (gear - 1) * 35) / 35) * 4200 + random() * 150),
      )
      const slope = c.track.slope(u)
      throttle = slope < 0 ? 0 : slope > 0 ? 100 : Math.round(95 + random() * 5)
      brake = slope < 0 ? 100 : 0
      drs = drsCursor.at(t, brake > 0)
      if (random() < 0.001) throttle = 104
    }
    yield `{"date":"${apiDate(t)}",${head},"n_gear":${gear},"drs":${drs},"throttle":${throttle},"rpm":${rpm},"brake":${brake},"speed":${speed}}`
  }
}
