/**
 * @module openf1/simulate/sim-records
 * The session-wide endpoints' records, derived from one {@link SimSessionTiming} so that they
 * agree with each other: laps, stints, pit, drivers, weather, race control, position, intervals,
 * overtakes, session result, starting grid, team radio.
 */
import { gaussian, randomInt, seededRandom, type Random } from '../prng.js'
import type { PlannedMeeting, PlannedSession } from './sim-calendar.js'
import { apiDate, apiDateSeconds } from './sim-dates.js'
import { teamColour } from './sim-grid.js'
import type { Classified } from './sim-results.js'
import type { SimSessionTiming } from './sim-session.js'
import type { SimTrack } from './sim-track.js'

type Rec = Record<string, unknown>

/** Everything a record builder needs. */
export interface SessionContext {
  readonly meeting: PlannedMeeting
  readonly session: PlannedSession
  readonly timing: SimSessionTiming
  readonly track: SimTrack
  readonly classified: readonly Classified[]
  readonly seed: number
}

const keys = (c: SessionContext): Rec => ({
  meeting_key: c.meeting.meetingKey,
  session_key: c.session.sessionKey,
})

/** `/drivers`. */
export function driverRecords(c: SessionContext): Rec[] {
  return c.timing.runs.map(({ driver: d }) => ({
    ...keys(c),
    driver_number: d.number,
    broadcast_name: `${d.first[0] ?? ''} ${d.last.toUpperCase()}`,
    full_name: `${d.first} ${d.last.toUpperCase()}`,
    name_acronym: d.acronym,
    team_name: d.team,
    team_colour: teamColour(d.team),
    first_name: d.first,
    last_name: d.last,
    headshot_url: null,
    country_code: d.country,
  }))
}

function segments(random: Random, n: number, pit: boolean): (number | null)[] {
  return Array.from({ length: n }, (_, i) => {
    if (i === 0 && random() < 0.035) return null
    if (pit && i === 0) return 2064
    const u = random()
    return u < 0.8 ? 2048 : u < 0.95 ? 2049 : 2051
  })
}

/**
 * `/laps`. A race's lap 1 is timed as the recordings time it: `date_start` is the race start,
 * the same instant for every car, and `lap_duration` (with sector 1) runs from there to the
 * line, so it includes the car's grid slot (lap 2's start − lap 1's start = lap 1's duration).
 */
export function lapRecords(c: SessionContext): Rec[] {
  const random = seededRandom(c.seed ^ 0x1a9)
  const race = c.timing.kind === 'race' || c.timing.kind === 'sprint'
  const out: Rec[] = []
  for (const run of c.timing.runs) {
    for (const lap of run.laps) {
      const first = race && lap.lap === 1
      // Seconds between the race start and the moment this car's lap-1 timing began.
      const grid = first ? (lap.start - c.timing.start) / 1000 : 0
      const speed = (u: number): number | null =>
        random() < 0.1 ? null : Math.round(c.track.speed(u) * (0.97 + random() * 0.05))
      out.push({
        ...keys(c),
        driver_number: run.driver.number,
        lap_number: lap.lap,
        date_start: apiDate(first ? c.timing.start : lap.start),
        duration_sector_1: +(lap.sectors[0] + grid).toFixed(3),
        duration_sector_2: lap.sectors[1],
        duration_sector_3: lap.sectors[2],
        i1_speed: speed(c.track.traps.i1),
        i2_speed: speed(c.track.traps.i2),
        is_pit_out_lap: lap.pitOut,
        lap_duration: +(lap.duration + grid).toFixed(3),
        segments_sector_1: segments(random, 6, lap.pitOut),
        segments_sector_2: segments(random, 7, false),
        segments_sector_3: segments(random, 7, false),
        st_speed: speed(c.track.traps.st),
      })
    }
  }
  return out
}

/** `/stints`. */
export function stintRecords(c: SessionContext): Rec[] {
  return c.timing.runs.flatMap((run) =>
    run.stints.map((s) => ({
      ...keys(c),
      stint_number: s.stint,
      driver_number: run.driver.number,
      lap_start: s.lapStart,
      lap_end: s.lapEnd,
      compound: s.compound,
      tyre_age_at_start: s.ageAtStart,
    })),
  )
}

/** `/pit`. */
export function pitRecords(c: SessionContext): Rec[] {
  return c.timing.runs
    .flatMap((run) =>
      run.pits.map((p) => ({
        date: apiDate(p.date),
        ...keys(c),
        pit_duration: p.lane,
        stop_duration: p.stop,
        lap_number: p.lap,
        driver_number: run.driver.number,
        lane_duration: p.lane,
      })),
    )
    .sort((a, b) => (a.date < b.date ? -1 : 1))
}

/** `/weather`: one sample a minute from 60 min before the start to the end. */
export function weatherRecords(c: SessionContext): Rec[] {
  const random = seededRandom(c.seed ^ 0x3e7)
  let air = 18 + random() * 14
  let track = air + 10 + random() * 15
  const out: Rec[] = []
  for (
    let t = c.session.start - 3_600_000 + random() * 60_000;
    t <= c.timing.end;
    t += 60_000 + gaussian(random, 0, 800)
  ) {
    air += gaussian(random, 0, 0.1)
    track += gaussian(random, 0, 0.25)
    out.push({
      date: apiDate(t),
      ...keys(c),
      air_temperature: +air.toFixed(1),
      humidity: Math.round(40 + random() * 5),
      pressure: +(1000 + random()).toFixed(1),
      rainfall: 0,
      track_temperature: +track.toFixed(1),
      wind_direction: randomInt(random, 0, 359),
      wind_speed: +(random() * 4).toFixed(1),
    })
  }
  return out
}

/** `/race_control`. */
export function raceControlRecords(c: SessionContext): Rec[] {
  const random = seededRandom(c.seed ^ 0x5c)
  const rc = (t: number, category: string, message: string, extra: Rec = {}): Rec => ({
    ...keys(c),
    date: apiDateSeconds(t),
    driver_number: null,
    lap_number: null,
    category,
    flag: null,
    scope: null,
    sector: null,
    message,
    ...extra,
  })
  const race = c.timing.kind === 'race' || c.timing.kind === 'sprint'
  const out: Rec[] = [
    rc(c.session.start - (race ? 40 : 0) * 60_000, 'Flag', 'GREEN LIGHT - PIT EXIT OPEN', {
      flag: 'GREEN',
      scope: 'Track',
      lap_number: race ? 1 : null,
    }),
  ]
  if (race) out.push(rc(c.session.start + 180_000, 'Drs', 'DRS ENABLED', { lap_number: 3 }))
  for (const run of c.timing.runs) {
    for (const lap of run.laps) {
      if (random() < 0.012) {
        const t = lap.start + lap.duration * 500
        const turn = randomInt(random, 1, 14)
        out.push(
          rc(
            t,
            'Other',
            `CAR ${run.driver.number} (${run.driver.acronym}) TIME ${new Date(lap.start).toISOString().slice(11, 19)} DELETED - TRACK LIMITS AT TURN ${turn} LAP ${lap.lap}`,
            {
              driver_number: run.driver.number,
              lap_number: race ? lap.lap : null,
            },
          ),
        )
      }
      if (random() < 0.01) {
        out.push(
          rc(lap.start + 20_000, 'Flag', `YELLOW IN TRACK SECTOR ${randomInt(random, 1, 20)}`, {
            flag: 'YELLOW',
            scope: 'Sector',
            sector: randomInt(random, 1, 20),
          }),
        )
      }
    }
  }
  out.push(
    rc(c.timing.end, 'Flag', 'CHEQUERED FLAG', {
      flag: 'CHEQUERED',
      scope: 'Track',
      lap_number: race ? c.timing.raceLaps : null,
    }),
  )
  return out.sort((a, b) => (String(a['date']) < String(b['date']) ? -1 : 1))
}

/** `/session_result`. */
export function sessionResultRecords(c: SessionContext): Rec[] {
  const race = c.timing.kind === 'race' || c.timing.kind === 'sprint'
  return c.classified.map((k) => ({
    position: k.position,
    driver_number: k.run.driver.number,
    number_of_laps: k.laps,
    ...(race ? { points: k.points } : {}),
    dnf: k.run.dnf,
    dns: false,
    dsq: false,
    duration: k.duration,
    gap_to_leader: k.gap,
    ...keys(c),
  }))
}

/** `/starting_grid` (on the qualifying session, as the API does). */
export function startingGridRecords(c: SessionContext): Rec[] {
  if (c.timing.kind !== 'qualifying') return []
  return c.classified.map((k) => {
    const segs = Array.isArray(k.duration) ? k.duration.filter((d): d is number => d !== null) : []
    return {
      position: k.position,
      driver_number: k.run.driver.number,
      lap_duration: segs.length > 0 ? segs[segs.length - 1] : null,
      ...keys(c),
    }
  })
}

/** `/team_radio`: a few per driver. */
export function teamRadioRecords(c: SessionContext): Rec[] {
  const random = seededRandom(c.seed ^ 0x7ad)
  const out: Rec[] = []
  for (const run of c.timing.runs) {
    const n = randomInt(random, 0, 4)
    for (let i = 0; i < n; i++) {
      const t = c.session.start + random() * (c.timing.end - c.session.start)
      const stamp = new Date(t).toISOString().replace(/[-:T]/g, '').slice(0, 14)
      out.push({
        date: apiDate(t),
        ...keys(c),
        driver_number: run.driver.number,
        recording_url: `https://example.invalid/pitwall-simulated/${c.session.sessionKey}/${run.driver.acronym}_${run.driver.number}_${stamp}.mp3`,
      })
    }
  }
  return out.sort((a, b) => (String(a['date']) < String(b['date']) ? -1 : 1))
}
