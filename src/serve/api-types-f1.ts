/**
 * @module serve/api-types-f1
 * Response types of the API's Formula 1 routes (seasons, meetings, sessions, what a session
 * holds, telemetry), inferred from the zod schemas that validate them and generate the OpenAPI
 * document (`schemas/f1-schemas.ts`, `session-schemas.ts`, `telemetry-schemas.ts`; the field
 * docs live there). Rows carry the gold tables' columns with their names (snake_case), so what
 * the API returns is what `POST /api/sql` returns for the same table. Timestamps are ISO-8601
 * strings (`Z` for UTC instants), durations are seconds. Type-only imports: nothing of zod
 * reaches the dashboard's bundle.
 */
import type { Answer } from './api-answer.js'
import type * as F1 from './schemas/f1-schemas.js'
import type * as S from './schemas/session-schemas.js'
import type * as T from './schemas/telemetry-schemas.js'

/** A season: the year and how much of it the warehouse holds. */
export type Season = Answer<typeof F1.SeasonSchema>
/** A meeting (a race weekend), `gold_analytics.dim_meetings`. */
export type Meeting = Answer<typeof F1.MeetingSchema>
/** A session, `gold_analytics.dim_sessions`. */
export type Session = Answer<typeof F1.SessionSchema>
/** A driver (current version of the SCD2 dimension): `gold_analytics.dim_drivers`. */
export type Driver = Answer<typeof F1.DriverSchema>
/** A team: `gold_analytics.dim_teams`. */
export type Team = Answer<typeof F1.TeamSchema>

/** One driver's best lap, ranked: `gold_analytics.session_leaderboard`. */
export type LeaderboardRow = Answer<typeof S.LeaderboardRowSchema>
/** A race classification row beside the official one: `gold_analytics.race_results`. */
export type RaceResultRow = Answer<typeof S.RaceResultRowSchema>
/** One lap: `gold_analytics.fact_laps`. */
export type LapRow = Answer<typeof S.LapRowSchema>
/** One stint as a bar of the tyre strategy chart: `gold_analytics.tyre_strategy`. */
export type StintRow = Answer<typeof S.StintRowSchema>
/** A pit stop: `gold_analytics.fact_pit_stops`. */
export type PitStopRow = Answer<typeof S.PitStopRowSchema>
/** A weather sample (about one a minute): `silver_clean.silver_weather` (silver grants). */
export type WeatherRow = Answer<typeof S.WeatherRowSchema>
/** A race control message: `silver_clean.silver_race_control` (silver grants). */
export type RaceControlRow = Answer<typeof S.RaceControlRowSchema>
/** A driver's state at the end of a lap: `gold_analytics.lap_time_progression`. */
export type LapPositionRow = Answer<typeof S.LapPositionRowSchema>
/** Per driver and session: `gold_analytics.driver_session_summary`. */
export type DriverSummaryRow = Answer<typeof S.DriverSummaryRowSchema>
/** Per team (constructor) and session: `gold_analytics.team_performance`. */
export type TeamPerformanceRow = Answer<typeof S.TeamPerformanceRowSchema>

/** One telemetry sample of a lap, placed along the lap. */
export type TelemetryPoint = Answer<typeof T.TelemetryPointSchema>
/** One driver's lap as a telemetry trace. */
export type TelemetryLap = Answer<typeof T.TelemetryLapSchema>
/**
 * `GET /api/sessions/{session_key}/telemetry?drivers=a,b[&lap=n]`: each driver's lap and the
 * time delta of the second driver to the first over distance (positive = slower).
 */
export type Telemetry = Answer<typeof T.TelemetrySchema>
/** `GET /api/sessions/{session_key}/track-map`: one lap's x/y path coloured by speed, DRS zones. */
export type TrackMap = Answer<typeof T.TrackMapSchema>
