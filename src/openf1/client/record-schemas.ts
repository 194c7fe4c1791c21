/**
 * @module openf1/client/record-schemas
 * Tolerant zod schemas of every endpoint's record (API.md §4): unknown fields are kept, missing
 * fields are accepted, and a wrong type is reported as a warning by {@link checkRecords}, never
 * a crash. The schemas describe what the API has been seen to send, quirks included.
 */
import { z } from 'zod'

const int = z.number().int().nullable().optional()
const num = z.number().nullable().optional()
const str = z.string().nullable().optional()
const bool = z.boolean().nullable().optional()
/** Float, `"+1 LAP"`-style string, null, or (qualifying) an array of those. */
const gap = z
  .union([z.number(), z.string(), z.array(z.union([z.number(), z.string(), z.null()]))])
  .nullable()
  .optional()
const segments = z.array(z.number().int().nullable()).nullable().optional()

const keyed = { meeting_key: int, session_key: int }
const perDriver = { ...keyed, driver_number: int }

/** Record schemas by endpoint name. */
export const RECORD_SCHEMAS = {
  meetings: z.looseObject({
    meeting_key: int,
    circuit_key: int,
    circuit_short_name: str,
    country_code: str,
    country_key: int,
    country_name: str,
    date_start: str,
    gmt_offset: str,
    location: str,
    meeting_name: str,
    meeting_official_name: str,
    year: int,
  }),
  sessions: z.looseObject({
    ...keyed,
    circuit_key: int,
    circuit_short_name: str,
    country_code: str,
    country_key: int,
    country_name: str,
    date_start: str,
    date_end: str,
    gmt_offset: str,
    location: str,
    session_name: str,
    session_type: str,
    year: int,
  }),
  drivers: z.looseObject({
    ...perDriver,
    broadcast_name: str,
    country_code: str,
    first_name: str,
    full_name: str,
    headshot_url: str,
    last_name: str,
    name_acronym: str,
    team_colour: str,
    team_name: str,
  }),
  laps: z.looseObject({
    ...perDriver,
    date_start: str,
    duration_sector_1: num,
    duration_sector_2: num,
    duration_sector_3: num,
    i1_speed: int,
    i2_speed: int,
    is_pit_out_lap: bool,
    lap_duration: num,
    lap_number: int,
    segments_sector_1: segments,
    segments_sector_2: segments,
    segments_sector_3: segments,
    st_speed: int,
  }),
  location: z.looseObject({ ...perDriver, date: str, x: int, y: int, z: int }),
  car_data: z.looseObject({
    ...perDriver,
    brake: int,
    date: str,
    drs: int,
    n_gear: int,
    rpm: int,
    speed: int,
    throttle: int,
  }),
  stints: z.looseObject({
    ...perDriver,
    compound: str,
    lap_end: int,
    lap_start: int,
    stint_number: int,
    tyre_age_at_start: int,
  }),
  pit: z.looseObject({
    ...perDriver,
    date: str,
    lane_duration: num,
    lap_number: int,
    pit_duration: num,
    stop_duration: num,
  }),
  weather: z.looseObject({
    ...keyed,
    air_temperature: num,
    date: str,
    humidity: num,
    pressure: num,
    rainfall: num,
    track_temperature: num,
    wind_direction: num,
    wind_speed: num,
  }),
  position: z.looseObject({ ...perDriver, date: str, position: int }),
  intervals: z.looseObject({ ...perDriver, date: str, gap_to_leader: gap, interval: gap }),
  race_control: z.looseObject({
    ...keyed,
    category: str,
    date: str,
    driver_number: int,
    flag: str,
    lap_number: int,
    message: str,
    qualifying_phase: int,
    scope: str,
    sector: int,
  }),
  session_result: z.looseObject({
    ...perDriver,
    dnf: bool,
    dns: bool,
    dsq: bool,
    duration: gap,
    gap_to_leader: gap,
    number_of_laps: int,
    points: num,
    position: int,
  }),
  starting_grid: z.looseObject({ ...perDriver, lap_duration: num, position: int }),
  overtakes: z.looseObject({
    ...keyed,
    date: str,
    overtaken_driver_number: int,
    overtaking_driver_number: int,
    position: int,
  }),
  team_radio: z.looseObject({ ...perDriver, date: str, recording_url: str }),
  championship_drivers: z.looseObject({
    ...perDriver,
    points_current: num,
    points_start: num,
    position_current: int,
    position_start: int,
  }),
  championship_teams: z.looseObject({
    ...keyed,
    team_name: str,
    points_current: num,
    points_start: num,
    position_current: int,
    position_start: int,
  }),
} as const

/** An endpoint name. */
export type EndpointName = keyof typeof RECORD_SCHEMAS

/** The typed record of an endpoint (unknown fields allowed). */
export type OpenF1Record<E extends EndpointName> = z.infer<(typeof RECORD_SCHEMAS)[E]>

/** A session as `/sessions` returns it. */
export type SessionRecord = OpenF1Record<'sessions'>
/** A meeting as `/meetings` returns it. */
export type MeetingRecord = OpenF1Record<'meetings'>

/** One problem found in a response's records. */
export interface RecordIssue {
  /** Index of the record in the response. */
  readonly index: number
  /** Dotted path of the field. */
  readonly path: string
  /** What is wrong. */
  readonly message: string
}

/** The result of {@link checkRecords}. */
export interface RecordCheck {
  /** Records that are not JSON objects or have a wrong-typed field. */
  readonly invalid: number
  /** The first few issues (at most `maxIssues`). */
  readonly issues: readonly RecordIssue[]
}

/**
 * Checks `records` against the endpoint's schema. Never throws: wrong types are counted and the
 * first `maxIssues` are described, so a caller can warn and keep the data as received.
 */
export function checkRecords(
  endpoint: EndpointName,
  records: readonly unknown[],
  maxIssues = 5,
): RecordCheck {
  const schema = RECORD_SCHEMAS[endpoint]
  const issues: RecordIssue[] = []
  let invalid = 0
  records.forEach((record, index) => {
    const result = schema.safeParse(record)
    if (result.success) return
    invalid++
    for (const issue of result.error.issues) {
      if (issues.length >= maxIssues) break
      issues.push({ index, path: issue.path.join('.') || '(record)', message: issue.message })
    }
  })
  return { invalid, issues }
}
