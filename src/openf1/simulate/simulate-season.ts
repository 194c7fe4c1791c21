/**
 * @module openf1/simulate/simulate-season
 * `pitwall simulate`: deterministic synthetic OpenF1 data for whole seasons in the layout of
 * `../shared/openf1/v1`, which the replay server serves like the recordings. Every endpoint of
 * API.md §4; laps, stints, pits, positions and results derive from one timing model, so they
 * agree; telemetry streams to disk.
 */
import { existsSync } from 'node:fs'
import { writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { NO_PROGRESS, type Progress } from '../../core/index.js'
import { mapConcurrent } from '../client/concurrency.js'
import { hashString } from '../prng.js'
import {
  meetingRecord,
  planSeason,
  sessionRecord,
  type PlannedMeeting,
  type PlannedSession,
} from './sim-calendar.js'
import { Championship } from './sim-championship.js'
import { SIM_DRIVERS } from './sim-grid.js'
import { intervalRecords, positionRecords } from './sim-order-records.js'
import * as R from './sim-records.js'
import { classify } from './sim-results.js'
import { simulateRace, simulateRunPlan, type SimSessionKind } from './sim-session.js'
import { carDataRecords, locationRecords, sampleTimes } from './sim-telemetry.js'
import { buildTrack } from './sim-track.js'
import { jsonTexts, writeJsonArray } from './sim-writer.js'
import { seededRandom } from '../prng.js'

/** Options of {@link simulateSeasons}. */
export interface SimulateOptions {
  readonly seasons: readonly number[]
  /** Meetings per season, from the start of the calendar (default: all 24). */
  readonly meetings?: number
  /** Session kinds to generate (default: all). */
  readonly kinds?: readonly SimSessionKind[]
  readonly outDir: string
  readonly seed?: number
  /** Write `.json.gz` (default) or plain `.json`. */
  readonly gzip?: boolean
  /**
   * location/car_data samples per second (default 3.7, the API's rate). Lower it for small,
   * fast demos; volumes then shrink proportionally.
   */
  readonly telemetryHz?: number
  /** Telemetry files written at once (default 2). */
  readonly concurrency?: number
  readonly progress?: Progress
}

/** What was written. */
export interface SimulateResult {
  readonly outDir: string
  readonly meetings: number
  readonly sessions: number
  readonly files: number
  /** Records per endpoint. */
  readonly records: Readonly<Record<string, number>>
  readonly seconds: number
}

/** The session kinds, for `--sessions`. */
export const SIM_SESSION_KINDS: readonly SimSessionKind[] = [
  'practice',
  'qualifying',
  'sprint-qualifying',
  'sprint',
  'race',
]

/** Simulates `options.seasons` into `options.outDir`. */
export async function simulateSeasons(options: SimulateOptions): Promise<SimulateResult> {
  const started = performance.now()
  const seed = options.seed ?? 1
  const gzip = options.gzip ?? true
  const ext = gzip ? '.json.gz' : '.json'
  const kinds = new Set(options.kinds ?? SIM_SESSION_KINDS)
  const records: Record<string, number> = {}
  let files = 0
  const meetings: PlannedMeeting[] = options.seasons.flatMap((y) =>
    planSeason(y, options.meetings ?? 24).map((m) => ({
      ...m,
      sessions: m.sessions.filter((s) => kinds.has(s.kind)),
    })),
  )
  const all = meetings.flatMap((m) => m.sessions.map((s) => ({ m, s })))
  const bar = (options.progress ?? NO_PROGRESS).start('simulate', all.length, 'sessions')
  await mkdir(options.outDir, { recursive: true })
  const put = async (
    endpoint: string,
    sessionKey: number,
    rows: readonly unknown[],
  ): Promise<void> => {
    if (rows.length === 0) return
    await writeJsonArray(
      join(options.outDir, endpoint, `session_key=${sessionKey}${ext}`),
      jsonTexts(rows),
      gzip,
    )
    records[endpoint] = (records[endpoint] ?? 0) + rows.length
    files++
  }
  const championships = new Map<number, Championship>()
  for (const { m, s } of all) {
    const champ = championships.get(m.year) ?? new Championship()
    championships.set(m.year, champ)
    const c = contextFor(seed, m, s)
    await put('drivers', s.sessionKey, R.driverRecords(c))
    await put('laps', s.sessionKey, R.lapRecords(c))
    await put('stints', s.sessionKey, R.stintRecords(c))
    await put('pit', s.sessionKey, R.pitRecords(c))
    await put('weather', s.sessionKey, R.weatherRecords(c))
    await put('race_control', s.sessionKey, R.raceControlRecords(c))
    const { position, overtakes } = positionRecords(c)
    await put('position', s.sessionKey, position)
    await put('overtakes', s.sessionKey, overtakes)
    await put('intervals', s.sessionKey, intervalRecords(c))
    await put('session_result', s.sessionKey, R.sessionResultRecords(c))
    await put('starting_grid', s.sessionKey, R.startingGridRecords(c))
    await put('team_radio', s.sessionKey, R.teamRadioRecords(c))
    if (s.kind === 'race' || s.kind === 'sprint') {
      const standings = champ.score(
        { meeting_key: m.meetingKey, session_key: s.sessionKey },
        c.classified,
      )
      await put('championship_drivers', s.sessionKey, standings.drivers)
      await put('championship_teams', s.sessionKey, standings.teams)
    }
    const race = s.kind === 'race' || s.kind === 'sprint'
    const times = sampleTimes(
      seededRandom(c.seed ^ 0x10c),
      s.start - 5 * 60_000,
      c.timing.end + 3 * 60_000,
      options.telemetryHz,
    )
    const carFrom = s.start - (race ? 55 : 5) * 60_000
    await mapConcurrent(c.timing.runs, options.concurrency ?? 2, async (run) => {
      const dir = (e: string): string =>
        join(
          options.outDir,
          e,
          `session_key=${s.sessionKey}`,
          `driver_number=${run.driver.number}${ext}`,
        )
      const nl = await writeJsonArray(dir('location'), locationRecords(c, run, times), gzip)
      const nc = await writeJsonArray(
        dir('car_data'),
        carDataRecords(c, run, carFrom, c.timing.end + 3 * 60_000, options.telemetryHz),
        gzip,
      )
      records['location'] = (records['location'] ?? 0) + nl
      records['car_data'] = (records['car_data'] ?? 0) + nc
      files += 2
    })
    bar.tick(1, `${m.circuit.location} ${s.name}`)
  }
  const meetingRows = meetings.filter((m) => m.sessions.length > 0).map(meetingRecord)
  const sessionRows = all.map(({ m, s }) => sessionRecord(m, s))
  await writeFile(join(options.outDir, 'meetings.json'), JSON.stringify(meetingRows))
  await writeFile(join(options.outDir, 'sessions.json'), JSON.stringify(sessionRows))
  records['meetings'] = meetingRows.length
  records['sessions'] = sessionRows.length
  bar.done()
  return {
    outDir: options.outDir,
    meetings: meetingRows.length,
    sessions: sessionRows.length,
    files: files + 2,
    records,
    seconds: (performance.now() - started) / 1000,
  }
}

/** True when `dir` already holds a simulation (its sessions.json). */
export function hasSimulation(dir: string): boolean {
  return existsSync(join(dir, 'sessions.json'))
}

function contextFor(seed: number, m: PlannedMeeting, s: PlannedSession): R.SessionContext {
  const sessionSeed = hashString(`${seed}|${s.sessionKey}`)
  const track = buildTrack(hashString(`${seed}|track|${m.circuit.circuitKey}`), m.circuit.lengthKm)
  const timing =
    s.kind === 'race' || s.kind === 'sprint'
      ? simulateRace(sessionSeed, m.circuit, SIM_DRIVERS, s.start, s.kind, track.sectorShares)
      : simulateRunPlan(sessionSeed, m.circuit, SIM_DRIVERS, s.start, s.kind, track.sectorShares)
  return { meeting: m, session: s, timing, track, classified: classify(timing), seed: sessionSeed }
}
