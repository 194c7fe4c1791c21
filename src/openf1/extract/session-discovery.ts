/**
 * @module openf1/extract/session-discovery
 * Finds the sessions to extract: by year, meeting (name, country, location or key), session
 * (name, type or key), date range, or explicit keys. Always ordered by `date_start`, never by key
 * (keys are not chronological, API.md §5.1).
 */
import { UsageError } from '../../core/index.js'
import type { OpenF1Client } from '../client/openf1-client.js'
import { where, type Filter } from '../client/query.js'
import type { MeetingRecord, SessionRecord } from '../client/record-schemas.js'

/** What to extract. Every given criterion must hold (AND). */
export interface SessionCriteria {
  /** Season, e.g. 2024. */
  readonly year?: number
  /** Meeting key, or part of its name, country, location or circuit (case-insensitive). */
  readonly meeting?: string
  /** Session keys, names (`Race`, `Qualifying`, `Practice 1`) or types; OR-ed. */
  readonly sessions?: readonly string[]
  /** Sessions starting on or after this date (ISO, date-only allowed). */
  readonly from?: string
  /** Sessions starting on or before this date (ISO, date-only allowed). */
  readonly to?: string
}

/** A session to extract, with the fields the extraction needs. */
export interface DiscoveredSession {
  readonly sessionKey: number
  readonly meetingKey: number
  readonly name: string
  readonly type: string
  readonly dateStart: string
  readonly dateEnd: string | undefined
  readonly label: string
  /** The record as the API sent it. */
  readonly record: SessionRecord
}

const isKey = (s: string): boolean => /^\d+$/.test(s.trim())
const norm = (s: unknown): string => (typeof s === 'string' ? s.trim().toLowerCase() : '')

function matchesMeeting(m: MeetingRecord, needle: string): boolean {
  const n = needle.trim().toLowerCase()
  return [
    m.meeting_name,
    m.meeting_official_name,
    m.country_name,
    m.country_code,
    m.location,
    m.circuit_short_name,
  ]
    .map(norm)
    .some((v) => v !== '' && (v === n || v.includes(n)))
}

/**
 * A wanted value matches a session key, else a session name; it matches a session *type* only
 * when no candidate carries it as a name (so `Race` is the race, not the sprint, whose type is
 * also Race, while `Practice` means every practice session).
 */
function sessionMatcher(
  candidates: readonly SessionRecord[],
  wanted: readonly string[],
): (s: SessionRecord) => boolean {
  const names = new Set(candidates.map((c) => norm(c.session_name)))
  return (s) =>
    wanted.some((w) => {
      const n = w.trim().toLowerCase()
      if (isKey(w)) return s.session_key === Number(w)
      return names.has(n) ? norm(s.session_name) === n : norm(s.session_type) === n
    })
}

/** Finds the sessions matching `criteria`, ordered by `date_start`. */
export async function discoverSessions(
  client: OpenF1Client,
  criteria: SessionCriteria,
): Promise<DiscoveredSession[]> {
  const wanted = criteria.sessions ?? []
  const explicitKeys = wanted.length > 0 && wanted.every(isKey)
  if (
    criteria.year === undefined &&
    criteria.meeting === undefined &&
    wanted.length === 0 &&
    criteria.from === undefined &&
    criteria.to === undefined
  ) {
    throw new UsageError('say which sessions to extract', {
      hint: 'Pass --year 2024, --meeting <name|key>, --session <name|key> or --from/--to.',
    })
  }
  const filters: Filter[] = []
  if (criteria.year !== undefined) filters.push(where.eq('year', criteria.year))
  if (explicitKeys) filters.push(...where.anyOf('session_key', wanted.map(Number)))
  if (criteria.from !== undefined) filters.push(where.gte('date_start', criteria.from))
  if (criteria.to !== undefined) filters.push(where.lte('date_start', criteria.to))

  let meetingKeys: Set<number> | undefined
  if (criteria.meeting !== undefined) {
    if (isKey(criteria.meeting)) {
      filters.push(where.eq('meeting_key', Number(criteria.meeting)))
    } else {
      const mf = criteria.year === undefined ? [] : [where.eq('year', criteria.year)]
      const meetings = (await client.get('meetings', mf)).records as MeetingRecord[]
      const hits = meetings.filter((m) => matchesMeeting(m, criteria.meeting ?? ''))
      if (hits.length === 0) {
        throw new UsageError(`no meeting matches '${criteria.meeting}'`, {
          hint: 'Use a meeting key, or part of its name, country or location (e.g. "Austria", "Monza").',
        })
      }
      meetingKeys = new Set(
        hits.map((m) => m.meeting_key).filter((k): k is number => typeof k === 'number'),
      )
    }
  }
  const records = (await client.get('sessions', filters)).records as SessionRecord[]
  const matches = sessionMatcher(records, wanted)
  const picked = records.filter(
    (s) =>
      typeof s.session_key === 'number' &&
      (meetingKeys === undefined ||
        (typeof s.meeting_key === 'number' && meetingKeys.has(s.meeting_key))) &&
      (wanted.length === 0 || explicitKeys || matches(s)),
  )
  const unique = new Map<number, SessionRecord>()
  for (const s of picked) unique.set(s.session_key as number, s)
  return [...unique.values()]
    .map((s) => toDiscovered(s))
    .sort(
      (a, b) => Date.parse(a.dateStart) - Date.parse(b.dateStart) || a.sessionKey - b.sessionKey,
    )
}

function toDiscovered(s: SessionRecord): DiscoveredSession {
  const name = s.session_name ?? s.session_type ?? 'Session'
  const where = s.location ?? s.country_name ?? s.circuit_short_name ?? ''
  return {
    sessionKey: s.session_key as number,
    meetingKey: typeof s.meeting_key === 'number' ? s.meeting_key : -1,
    name,
    type: s.session_type ?? '',
    dateStart: s.date_start ?? '',
    dateEnd: s.date_end ?? undefined,
    label: `${s.year ?? ''} ${where} ${name} (${s.session_key})`.trim(),
    record: s,
  }
}
