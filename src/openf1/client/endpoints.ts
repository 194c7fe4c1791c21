/**
 * @module openf1/client/endpoints
 * The endpoint catalogue (API.md §4): how each endpoint is queried for one session.
 */
import { RECORD_SCHEMAS, type EndpointName } from './record-schemas.js'

/** How an endpoint is extracted for a session. */
export type EndpointScope =
  /** `?meeting_key=M`: one file per meeting. */
  | 'meeting'
  /** `?session_key=S`: one file per session. */
  | 'session'
  /** `?session_key=S&driver_number=N`: one file per driver (the API refuses the whole session). */
  | 'driver'

/** One endpoint of the catalogue. */
export interface EndpointSpec {
  readonly name: EndpointName
  readonly scope: EndpointScope
  /** Fields of the natural key (the ingestor's unique_key), for dedup downstream. */
  readonly key: readonly string[]
  /** True when the endpoint only has data for races. */
  readonly racesOnly?: boolean
}

/** Every endpoint, in the order an extraction fetches them. */
export const ENDPOINTS: readonly EndpointSpec[] = [
  { name: 'meetings', scope: 'meeting', key: ['meeting_key'] },
  { name: 'sessions', scope: 'session', key: ['session_key'] },
  { name: 'drivers', scope: 'session', key: ['session_key', 'driver_number'] },
  { name: 'laps', scope: 'session', key: ['session_key', 'driver_number', 'lap_number'] },
  { name: 'stints', scope: 'session', key: ['session_key', 'stint_number', 'driver_number'] },
  { name: 'pit', scope: 'session', key: ['session_key', 'lap_number', 'driver_number'] },
  { name: 'weather', scope: 'session', key: ['session_key', 'date'] },
  { name: 'race_control', scope: 'session', key: ['session_key', 'date', 'category', 'message'] },
  { name: 'position', scope: 'session', key: ['session_key', 'date', 'driver_number'] },
  {
    name: 'intervals',
    scope: 'session',
    key: ['session_key', 'date', 'driver_number'],
    racesOnly: true,
  },
  { name: 'session_result', scope: 'session', key: ['session_key', 'driver_number'] },
  { name: 'starting_grid', scope: 'session', key: ['session_key', 'driver_number'] },
  {
    name: 'overtakes',
    scope: 'session',
    key: ['session_key', 'date', 'overtaking_driver_number', 'overtaken_driver_number'],
    racesOnly: true,
  },
  { name: 'team_radio', scope: 'session', key: ['session_key', 'date', 'driver_number'] },
  {
    name: 'championship_drivers',
    scope: 'session',
    key: ['session_key', 'driver_number'],
    racesOnly: true,
  },
  {
    name: 'championship_teams',
    scope: 'session',
    key: ['session_key', 'team_name'],
    racesOnly: true,
  },
  { name: 'location', scope: 'driver', key: ['session_key', 'date', 'driver_number'] },
  { name: 'car_data', scope: 'driver', key: ['session_key', 'date', 'driver_number'] },
]

/** Every endpoint name. */
export const ENDPOINT_NAMES: readonly EndpointName[] = ENDPOINTS.map((e) => e.name)

/** True when `name` is an endpoint of the catalogue. */
export function isEndpointName(name: string): name is EndpointName {
  return Object.hasOwn(RECORD_SCHEMAS, name)
}

/** The spec of `name`. */
export function endpointSpec(name: EndpointName): EndpointSpec {
  const spec = ENDPOINTS.find((e) => e.name === name)
  if (spec === undefined) throw new Error(`unknown endpoint ${name}`)
  return spec
}
