/**
 * @module openf1/simulate/sim-calendar
 * Meetings and sessions of the simulated seasons, with keys in a range of their own (meeting
 * 2YY01…, session meeting*10+i) so that synthetic data can never be mistaken for real data.
 */
import { apiDateSeconds, gmtOffset } from './sim-dates.js'
import { SIM_CALENDAR, type SimCircuit } from './sim-grid.js'
import type { SimSessionKind } from './sim-session.js'

/** A planned session. */
export interface PlannedSession {
  readonly sessionKey: number
  readonly name: string
  readonly type: 'Practice' | 'Qualifying' | 'Race'
  readonly kind: SimSessionKind
  readonly start: number
  readonly end: number
}

/** A planned meeting. */
export interface PlannedMeeting {
  readonly year: number
  readonly meetingKey: number
  readonly circuit: SimCircuit
  readonly sessions: readonly PlannedSession[]
}

const HOUR = 3_600_000
const DAY = 24 * HOUR

function sundayOf(year: number, index: number): number {
  // First race on the first Sunday of March, then every 11 days rolled to the next Sunday.
  const d = Date.UTC(year, 2, 1) + index * 11 * DAY
  const dow = new Date(d).getUTCDay()
  return d + ((7 - dow) % 7) * DAY
}

/** Plans `meetings` meetings of `year` (the first N of the calendar). */
export function planSeason(year: number, meetings: number): PlannedMeeting[] {
  return SIM_CALENDAR.slice(0, meetings).map((circuit, i) => {
    const meetingKey = 20_000 + (year % 100) * 100 + i + 1
    const sunday = sundayOf(year, i)
    const local = (dayOffset: number, hour: number, minute = 0): number =>
      sunday + dayOffset * DAY + (hour - circuit.utcOffset) * HOUR + minute * 60_000
    const s = (
      idx: number,
      name: string,
      type: PlannedSession['type'],
      kind: SimSessionKind,
      start: number,
      minutes: number,
    ): PlannedSession => ({
      sessionKey: meetingKey * 10 + idx,
      name,
      type,
      kind,
      start,
      end: start + minutes * 60_000,
    })
    const sessions = circuit.sprint
      ? [
          s(1, 'Practice 1', 'Practice', 'practice', local(-2, 12, 30), 60),
          s(2, 'Sprint Qualifying', 'Qualifying', 'sprint-qualifying', local(-2, 16, 30), 44),
          s(3, 'Sprint', 'Race', 'sprint', local(-1, 11), 60),
          s(4, 'Qualifying', 'Qualifying', 'qualifying', local(-1, 15), 60),
          s(5, 'Race', 'Race', 'race', local(0, 15), 120),
        ]
      : [
          s(1, 'Practice 1', 'Practice', 'practice', local(-2, 12, 30), 60),
          s(2, 'Practice 2', 'Practice', 'practice', local(-2, 16), 60),
          s(3, 'Practice 3', 'Practice', 'practice', local(-1, 11, 30), 60),
          s(4, 'Qualifying', 'Qualifying', 'qualifying', local(-1, 15), 60),
          s(5, 'Race', 'Race', 'race', local(0, 15), 120),
        ]
    return { year, meetingKey, circuit, sessions }
  })
}

/** The `/meetings` record. */
export function meetingRecord(m: PlannedMeeting): Record<string, unknown> {
  const c = m.circuit
  const first = m.sessions[0]?.start ?? 0
  const last = m.sessions[m.sessions.length - 1]?.end ?? 0
  return {
    meeting_key: m.meetingKey,
    meeting_name: c.meeting,
    meeting_official_name: `FORMULA 1 ${c.meeting.toUpperCase()} ${m.year}`,
    location: c.location,
    country_key: c.countryKey,
    country_code: c.countryCode,
    country_name: c.country,
    circuit_key: c.circuitKey,
    circuit_short_name: c.circuit,
    gmt_offset: gmtOffset(c.utcOffset),
    date_start: apiDateSeconds(first),
    date_end: apiDateSeconds(last),
    year: m.year,
  }
}

/** The `/sessions` record. */
export function sessionRecord(m: PlannedMeeting, s: PlannedSession): Record<string, unknown> {
  const c = m.circuit
  return {
    session_key: s.sessionKey,
    session_type: s.type,
    session_name: s.name,
    date_start: apiDateSeconds(s.start),
    date_end: apiDateSeconds(s.end),
    meeting_key: m.meetingKey,
    circuit_key: c.circuitKey,
    circuit_short_name: c.circuit,
    country_key: c.countryKey,
    country_code: c.countryCode,
    country_name: c.country,
    location: c.location,
    gmt_offset: gmtOffset(c.utcOffset),
    year: m.year,
  }
}
