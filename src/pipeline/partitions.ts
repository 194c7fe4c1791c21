/**
 * @module pipeline/partitions
 * Partitions are sessions (REFERENCE.md §2: a static season × dynamic session key), grouped by
 * season and meeting for display and selection. A partition is plain data taken from the
 * session records the API returns, so a run record can carry its partitions as JSON.
 */
import { parseLandingFileName, type DiscoveredSession } from '../openf1/index.js'

/** One session: the unit of extraction, loading and locking. */
export interface SessionPartition {
  /** The partition key: the session key as a string (`"9550"`). */
  readonly key: string
  readonly sessionKey: number
  readonly season: number | null
  readonly meetingKey: number
  /** Where the meeting takes place (location, else country, else circuit). */
  readonly meeting: string
  /** `Race`, `Qualifying`, `Practice 1`, … */
  readonly session: string
  readonly dateStart: string
  /** When the session ends (absent while the API does not know yet). */
  readonly dateEnd: string | null
}

/** The partition of a discovered session. */
export function partitionOf(s: DiscoveredSession): SessionPartition {
  const r = s.record
  const season =
    typeof r.year === 'number' ? r.year : Number.parseInt(s.dateStart.slice(0, 4), 10) || null
  return {
    key: String(s.sessionKey),
    sessionKey: s.sessionKey,
    season,
    meetingKey: s.meetingKey,
    meeting: r.location ?? r.country_name ?? r.circuit_short_name ?? `meeting ${s.meetingKey}`,
    session: s.name,
    dateStart: s.dateStart,
    dateEnd: s.dateEnd ?? null,
  }
}

/** `2024 / Spielberg / Race (9550)`. */
export function formatPartition(p: SessionPartition): string {
  return `${p.season ?? '?'} / ${p.meeting} / ${p.session} (${p.key})`
}

/** Sessions of one meeting. */
export interface MeetingGroup {
  readonly meetingKey: number
  readonly meeting: string
  readonly partitions: readonly SessionPartition[]
}

/** Meetings of one season. */
export interface SeasonGroup {
  readonly season: number | null
  readonly meetings: readonly MeetingGroup[]
}

/** Groups partitions by season, then meeting, each in date order. */
export function groupPartitions(partitions: readonly SessionPartition[]): SeasonGroup[] {
  const sorted = [...partitions].sort(
    (a, b) => a.dateStart.localeCompare(b.dateStart) || a.sessionKey - b.sessionKey,
  )
  const seasons = new Map<number | null, Map<number, SessionPartition[]>>()
  for (const p of sorted) {
    const meetings = seasons.get(p.season) ?? new Map<number, SessionPartition[]>()
    seasons.set(p.season, meetings)
    const list = meetings.get(p.meetingKey) ?? []
    meetings.set(p.meetingKey, list)
    list.push(p)
  }
  return [...seasons.entries()].map(([season, meetings]) => ({
    season,
    meetings: [...meetings.entries()].map(([meetingKey, list]) => ({
      meetingKey,
      meeting: list[0]?.meeting ?? '',
      partitions: list,
    })),
  }))
}

/** True when the session has ended at least `delayMs` before `now`. */
export function hasEnded(p: SessionPartition, now: Date, delayMs = 0): boolean {
  if (p.dateEnd === null) return false
  const end = Date.parse(p.dateEnd)
  return Number.isFinite(end) && end + delayMs <= now.getTime()
}

/**
 * The partitions a landing file belongs to (`laps/laps_9550_20240630_140000.json` → 9550): the
 * session its name carries, or every given session of the meeting for `meetings` files.
 */
export function partitionsOfLandingFile(
  endpoint: string,
  file: string,
  partitions: readonly SessionPartition[],
): SessionPartition[] {
  const parsed = parseLandingFileName(endpoint, file.split('/').pop() ?? file)
  if (parsed === undefined) return []
  if (endpoint === 'meetings') return partitions.filter((p) => p.meetingKey === parsed.key)
  return partitions.filter((p) => p.sessionKey === parsed.key)
}
