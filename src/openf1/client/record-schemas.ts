/**
 * @module openf1/client/record-schemas
 * Tolerant zod schemas of every endpoint's record (API.md §4): unknown fields are kept, missing
 * fields are accepted, and a wrong type is reported as a warning by {@link checkRecords}, never
 * a crash. The schemas describe what the API has been seen to send, quirks included.
 */
import { z } from 'zod'

/** The type of a field, as the API has been seen to send it (null or absent always allowed). */
type FieldKind = 'int' | 'num' | 'str' | 'bool' | 'gap' | 'segments'

const int = 'int' as const
const num = 'num' as const
const str = 'str' as const
const bool = 'bool' as const
/** Float, `"+1 LAP"`-style string, null, or (qualifying) an array of those. */
const gap = 'gap' as const
const segments = 'segments' as const

const keyed = { meeting_key: int, session_key: int }
const perDriver = { ...keyed, driver_number: int }

/** Field kinds by endpoint name (API.md §4). */
const FIELDS = {
  meetings: {
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
  },
  sessions: {
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
  },
  drivers: {
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
  },
  laps: {
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
  },
  location: { ...perDriver, date: str, x: int, y: int, z: int },
  car_data: {
    ...perDriver,
    brake: int,
    date: str,
    drs: int,
    n_gear: int,
    rpm: int,
    speed: int,
    throttle: int,
  },
  stints: {
    ...perDriver,
    compound: str,
    lap_end: int,
    lap_start: int,
    stint_number: int,
    tyre_age_at_start: int,
  },
  pit: {
    ...perDriver,
    date: str,
    lane_duration: num,
    lap_number: int,
    pit_duration: num,
    stop_duration: num,
  },
  weather: {
    ...keyed,
    air_temperature: num,
    date: str,
    humidity: num,
    pressure: num,
    rainfall: num,
    track_temperature: num,
    wind_direction: num,
    wind_speed: num,
  },
  position: { ...perDriver, date: str, position: int },
  intervals: { ...perDriver, date: str, gap_to_leader: gap, interval: gap },
  race_control: {
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
  },
  session_result: {
    ...perDriver,
    dnf: bool,
    dns: bool,
    dsq: bool,
    duration: gap,
    gap_to_leader: gap,
    number_of_laps: int,
    points: num,
    position: int,
  },
  starting_grid: { ...perDriver, lap_duration: num, position: int },
  overtakes: {
    ...keyed,
    date: str,
    overtaken_driver_number: int,
    overtaking_driver_number: int,
    position: int,
  },
  team_radio: { ...perDriver, date: str, recording_url: str },
  championship_drivers: {
    ...perDriver,
    points_current: num,
    points_start: num,
    position_current: int,
    position_start: int,
  },
  championship_teams: {
    ...keyed,
    team_name: str,
    points_current: num,
    points_start: num,
    position_current: int,
    position_start: int,
  },
} as const satisfies Record<string, Record<string, FieldKind>>

const ZOD_OF: Readonly<Record<FieldKind, z.ZodType>> = {
  int: z.number().int().nullable().optional(),
  num: z.number().nullable().optional(),
  str: z.string().nullable().optional(),
  bool: z.boolean().nullable().optional(),
  gap: z
    .union([z.number(), z.string(), z.array(z.union([z.number(), z.string(), z.null()]))])
    .nullable()
    .optional(),
  segments: z.array(z.number().int().nullable()).nullable().optional(),
}

const isGapItem = (v: unknown): boolean =>
  v === null || typeof v === 'number' || typeof v === 'string'

/** Fast checks, equivalent to {@link ZOD_OF}; zod only explains the records that fail them. */
const CHECK_OF: Readonly<Record<FieldKind, (v: unknown) => boolean>> = {
  int: (v) => v === undefined || v === null || Number.isInteger(v),
  num: (v) => v === undefined || v === null || (typeof v === 'number' && Number.isFinite(v)),
  str: (v) => v === undefined || v === null || typeof v === 'string',
  bool: (v) => v === undefined || v === null || typeof v === 'boolean',
  gap: (v) => v === undefined || isGapItem(v) || (Array.isArray(v) && v.every(isGapItem)),
  segments: (v) =>
    v === undefined ||
    v === null ||
    (Array.isArray(v) && v.every((x) => x === null || Number.isInteger(x))),
}

type ZodShape<F> = { [K in keyof F]: z.ZodType }
type Kinds = typeof FIELDS
type TsOf<K> = K extends 'int' | 'num'
  ? number | null | undefined
  : K extends 'str'
    ? string | null | undefined
    : K extends 'bool'
      ? boolean | null | undefined
      : K extends 'segments'
        ? (number | null)[] | null | undefined
        : number | string | (number | string | null)[] | null | undefined

function toZod<F extends Record<string, FieldKind>>(fields: F): z.ZodType {
  const shape: Partial<ZodShape<F>> = {}
  for (const [k, kind] of Object.entries(fields))
    (shape as Record<string, z.ZodType>)[k] = ZOD_OF[kind]
  return z.looseObject(shape as Record<string, z.ZodType>)
}

/** Tolerant zod schemas by endpoint name: unknown fields kept, missing fields accepted. */
export const RECORD_SCHEMAS: { readonly [E in keyof Kinds]: z.ZodType } = Object.fromEntries(
  Object.entries(FIELDS).map(([e, f]) => [e, toZod(f)]),
) as { readonly [E in keyof Kinds]: z.ZodType }

/** An endpoint name. */
export type EndpointName = keyof Kinds

/** The typed record of an endpoint (unknown fields allowed). */
export type OpenF1Record<E extends EndpointName> = { [K in keyof Kinds[E]]?: TsOf<Kinds[E][K]> } & {
  readonly [extra: string]: unknown
}

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
  const checks = Object.entries(FIELDS[endpoint]).map(([k, kind]) => [k, CHECK_OF[kind]] as const)
  const issues: RecordIssue[] = []
  let invalid = 0
  records.forEach((record, index) => {
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
      const r = record as Record<string, unknown>
      if (checks.every(([k, ok]) => ok(r[k]))) return
    }
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
