/**
 * @module serve/schemas/f1-schemas
 * zod schemas of the Formula 1 catalogue answers: seasons, meetings, sessions, drivers, teams
 * (rows of the gold dimensions). The API's types are inferred from them (`api-types-f1.ts`), and
 * the keys of each row schema are the columns the route selects, so the OpenAPI document, the
 * types and the SQL name the same columns.
 */
import { z } from '@hono/zod-openapi'
import { bool, int, n, str, ts } from './common-schemas.js'

/** A season: the year and how much of it the warehouse holds. */
export const SeasonSchema = z
  .object({
    year: int,
    meetings: int,
    sessions: int,
    /** Sessions that are races or sprints. */
    races: int,
  })
  .openapi('Season')

/** A meeting (a race weekend), `gold_analytics.dim_meetings`. */
export const MeetingSchema = z
  .object({
    meeting_key: int,
    meeting_name: n(str),
    meeting_official_name: n(str),
    location: n(str),
    country_name: n(str),
    country_code: n(str),
    circuit_key: n(int),
    circuit_short_name: n(str),
    circuit_type: n(str),
    date_start: n(ts),
    date_end: n(ts),
    gmt_offset: n(str),
    year: n(int),
    is_cancelled: n(bool),
    sessions_count: n(int),
  })
  .openapi('Meeting')

/** A session, `gold_analytics.dim_sessions`. */
export const SessionSchema = z
  .object({
    session_key: int,
    meeting_key: n(int),
    session_name: n(str),
    /** `Race`, `Qualifying`, `Practice`. */
    session_type: n(str),
    /** `Race`, `Sprint`, `Qualifying`, `Sprint Qualifying`, `Practice`. */
    session_category: n(str),
    is_race: n(bool),
    date_start: n(ts),
    date_end: n(ts),
    session_duration_minutes: n(int),
    year: n(int),
    location: n(str),
    country_name: n(str),
    country_code: n(str),
    circuit_key: n(int),
    circuit_short_name: n(str),
    gmt_offset: n(str),
    is_cancelled: n(bool),
    meeting_name: n(str),
    /** e.g. `2024 Austrian Grand Prix – Race`. */
    session_label: n(str),
  })
  .openapi('Session')

/** A driver (current version of the SCD2 dimension): `gold_analytics.dim_drivers`. */
export const DriverSchema = z
  .object({
    driver_number: int,
    full_name: n(str),
    first_name: n(str),
    last_name: n(str),
    broadcast_name: n(str),
    name_acronym: n(str),
    team_name: n(str),
    team_category: n(str),
    /** Hex without `#`, e.g. `3671C6`. */
    team_colour: n(str),
    country_code: n(str),
    headshot_url: n(str),
    last_session_key: n(int),
  })
  .openapi('Driver')

/** A team: `gold_analytics.dim_teams`. */
export const TeamSchema = z
  .object({
    team_name: str,
    team_category: n(str),
    constructor_lineage: n(str),
    /** Hex without `#`. */
    team_colour: n(str),
    drivers_count: n(int),
    sessions_count: n(int),
    first_seen_at: n(ts),
    last_seen_at: n(ts),
  })
  .openapi('Team')
