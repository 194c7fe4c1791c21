/**
 * @module core/openf1/field-catalogue
 * The OpenF1 field catalogue, defined once (DESIGN.md §2): every endpoint's fields and the kind
 * of value each holds, as API.md §4 documents them and the recordings show them (quirks
 * included: `gap_to_leader` mixes numbers and strings, `humidity` arrives as integers but is a
 * float). `openf1` derives its tolerant zod record schemas from it, `load` the DuckDB type of
 * each bronze column, and the warehouse's `bronze_relation` macro is checked against it.
 *
 * Fields that appeared or vanished over the seasons (2026's `is_cancelled`, 2023–24's
 * `meeting_code`) are listed: a field is optional in every record whatever its kind.
 */

/**
 * The kind of a field's values (null or absent is always allowed):
 * - `int` integer, `num` number (integers included), `str` string, `date` ISO-8601 string,
 *   `bool` boolean;
 * - `gap` number, `"+1 LAP"`-style string, or (qualifying) an array of those and nulls;
 * - `segments` an array of integers and nulls (lap mini-sector codes).
 */
export type FieldKind = 'int' | 'num' | 'str' | 'date' | 'bool' | 'gap' | 'segments'

/** Every field kind. */
export const FIELD_KINDS: readonly FieldKind[] = [
  'int',
  'num',
  'str',
  'date',
  'bool',
  'gap',
  'segments',
]

/**
 * The DuckDB type a bronze column of each kind has. Dates stay strings (their format varies,
 * API.md §5.1; silver parses them leniently); mixed kinds are JSON (the value's text, which keeps
 * its JSON type), stored in Delta as `string`.
 */
export const DUCKDB_TYPE_OF_KIND: Readonly<Record<FieldKind, string>> = {
  int: 'BIGINT',
  num: 'DOUBLE',
  str: 'VARCHAR',
  date: 'VARCHAR',
  bool: 'BOOLEAN',
  gap: 'JSON',
  segments: 'BIGINT[]',
}

const keyed = { meeting_key: 'int', session_key: 'int' } as const
const perDriver = { ...keyed, driver_number: 'int' } as const

/** Field kinds by endpoint name (API.md §4), in the order the API documents them. */
export const OPENF1_FIELDS = {
  meetings: {
    meeting_key: 'int',
    circuit_key: 'int',
    circuit_short_name: 'str',
    circuit_type: 'str',
    circuit_image: 'str',
    circuit_info_url: 'str',
    country_code: 'str',
    country_flag: 'str',
    country_key: 'int',
    country_name: 'str',
    date_start: 'date',
    date_end: 'date',
    gmt_offset: 'str',
    is_cancelled: 'bool',
    location: 'str',
    meeting_code: 'str',
    meeting_name: 'str',
    meeting_official_name: 'str',
    year: 'int',
  },
  sessions: {
    ...keyed,
    circuit_key: 'int',
    circuit_short_name: 'str',
    country_code: 'str',
    country_key: 'int',
    country_name: 'str',
    date_start: 'date',
    date_end: 'date',
    gmt_offset: 'str',
    is_cancelled: 'bool',
    location: 'str',
    session_name: 'str',
    session_type: 'str',
    year: 'int',
  },
  drivers: {
    ...perDriver,
    broadcast_name: 'str',
    country_code: 'str',
    first_name: 'str',
    full_name: 'str',
    headshot_url: 'str',
    last_name: 'str',
    name_acronym: 'str',
    team_colour: 'str',
    team_name: 'str',
  },
  laps: {
    ...perDriver,
    date_start: 'date',
    duration_sector_1: 'num',
    duration_sector_2: 'num',
    duration_sector_3: 'num',
    i1_speed: 'int',
    i2_speed: 'int',
    is_pit_out_lap: 'bool',
    lap_duration: 'num',
    lap_number: 'int',
    segments_sector_1: 'segments',
    segments_sector_2: 'segments',
    segments_sector_3: 'segments',
    st_speed: 'int',
  },
  location: { ...perDriver, date: 'date', x: 'int', y: 'int', z: 'int' },
  car_data: {
    ...perDriver,
    brake: 'int',
    date: 'date',
    drs: 'int',
    n_gear: 'int',
    rpm: 'int',
    speed: 'int',
    throttle: 'int',
  },
  stints: {
    ...perDriver,
    compound: 'str',
    lap_end: 'int',
    lap_start: 'int',
    stint_number: 'int',
    tyre_age_at_start: 'int',
  },
  pit: {
    ...perDriver,
    date: 'date',
    lane_duration: 'num',
    lap_number: 'int',
    pit_duration: 'num',
    stop_duration: 'num',
  },
  weather: {
    ...keyed,
    air_temperature: 'num',
    date: 'date',
    humidity: 'num',
    pressure: 'num',
    rainfall: 'int',
    track_temperature: 'num',
    wind_direction: 'int',
    wind_speed: 'num',
  },
  position: { ...perDriver, date: 'date', position: 'int' },
  intervals: { ...perDriver, date: 'date', gap_to_leader: 'gap', interval: 'gap' },
  race_control: {
    ...keyed,
    category: 'str',
    date: 'date',
    driver_number: 'int',
    flag: 'str',
    lap_number: 'int',
    message: 'str',
    qualifying_phase: 'int',
    scope: 'str',
    sector: 'int',
  },
  session_result: {
    ...perDriver,
    dnf: 'bool',
    dns: 'bool',
    dsq: 'bool',
    duration: 'gap',
    gap_to_leader: 'gap',
    number_of_laps: 'int',
    points: 'num',
    position: 'int',
  },
  starting_grid: { ...perDriver, lap_duration: 'num', position: 'int' },
  overtakes: {
    ...keyed,
    date: 'date',
    overtaken_driver_number: 'int',
    overtaking_driver_number: 'int',
    position: 'int',
  },
  team_radio: { ...perDriver, date: 'date', recording_url: 'str' },
  championship_drivers: {
    ...perDriver,
    points_current: 'num',
    points_start: 'num',
    position_current: 'int',
    position_start: 'int',
  },
  championship_teams: {
    ...keyed,
    team_name: 'str',
    points_current: 'num',
    points_start: 'num',
    position_current: 'int',
    position_start: 'int',
  },
} as const satisfies Record<string, Record<string, FieldKind>>

/** An OpenF1 endpoint name (`laps`, `car_data`, …). */
export type OpenF1Endpoint = keyof typeof OPENF1_FIELDS

/** Every endpoint of the catalogue, in the catalogue's order. */
export const OPENF1_ENDPOINTS = Object.keys(OPENF1_FIELDS) as readonly OpenF1Endpoint[]

/** True when `name` is an endpoint of the catalogue. */
export function isOpenF1Endpoint(name: string): name is OpenF1Endpoint {
  return Object.hasOwn(OPENF1_FIELDS, name)
}

/** The kind of `field` of `endpoint`, or `undefined` when the catalogue does not list it. */
export function fieldKind(endpoint: string, field: string): FieldKind | undefined {
  if (!isOpenF1Endpoint(endpoint)) return undefined
  const fields: Readonly<Record<string, FieldKind>> = OPENF1_FIELDS[endpoint]
  return Object.hasOwn(fields, field) ? fields[field] : undefined
}

/** One bronze column the catalogue declares. */
export interface CatalogueColumn {
  readonly name: string
  readonly kind: FieldKind
  /** DuckDB type of the bronze column. */
  readonly duckDbType: string
}

/**
 * The catalogue as `endpoint → [{ name, kind, duckDbType }]` (in the API's field order), the form
 * tests compare other copies against (the warehouse's `bronze_relation` macro).
 */
export function bronzeColumnsOf(endpoint: OpenF1Endpoint): readonly CatalogueColumn[] {
  const fields: Readonly<Record<string, FieldKind>> = OPENF1_FIELDS[endpoint]
  return Object.entries(fields).map(([name, kind]) => ({
    name,
    kind,
    duckDbType: DUCKDB_TYPE_OF_KIND[kind],
  }))
}
