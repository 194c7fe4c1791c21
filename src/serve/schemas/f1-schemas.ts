/**
 * @module serve/schemas/f1-schemas
 * zod schemas of the Formula 1 answers (rows of the gold tables), checked against
 * `api-types-f1.ts`. The keys of each row schema are also the columns the route selects, so the
 * document, the types and the SQL name the same columns.
 */
import { z } from '@hono/zod-openapi'
import type {
  Driver,
  DriverSummaryRow,
  LapPositionRow,
  LapRow,
  LeaderboardRow,
  Meeting,
  PitStopRow,
  RaceControlRow,
  RaceResultRow,
  Season,
  Session,
  StintRow,
  Team,
  TeamPerformanceRow,
  Telemetry,
  TrackMap,
  WeatherRow,
} from '../api-types.js'
import { bool, int, num, str, ts } from './common-schemas.js'

const n = <T extends z.ZodType>(t: T) => t.nullable()

export const SeasonSchema = z
  .object({ year: int, meetings: int, sessions: int, races: int })
  .openapi('Season') satisfies z.ZodType<Season>

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
  .openapi('Meeting') satisfies z.ZodType<Meeting>

export const SessionSchema = z
  .object({
    session_key: int,
    meeting_key: n(int),
    session_name: n(str),
    session_type: n(str),
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
    session_label: n(str),
  })
  .openapi('Session') satisfies z.ZodType<Session>

export const LeaderboardRowSchema = z
  .object({
    session_key: int,
    position: int,
    driver_number: int,
    full_name: n(str),
    name_acronym: n(str),
    team_name: n(str),
    team_category: n(str),
    team_colour: n(str),
    fastest_lap_time: num,
    fastest_lap_number: int,
    fastest_lap_compound: n(str),
    valid_laps: n(int),
    delta_to_fastest: num,
    gap_percentage: num,
    gap_to_car_ahead: n(num),
    is_top_3: bool,
    is_top_10: bool,
    is_fastest_in_team: bool,
  })
  .openapi('LeaderboardRow') satisfies z.ZodType<LeaderboardRow>

export const RaceResultRowSchema = z
  .object({
    session_key: int,
    session_category: n(str),
    position: int,
    driver_number: int,
    full_name: n(str),
    name_acronym: n(str),
    team_name: n(str),
    is_classified: bool,
    status: str,
    laps_completed: int,
    laps_behind: int,
    finished_at: n(ts),
    race_time_seconds: n(num),
    gap_to_winner_seconds: n(num),
    interval_to_car_ahead_seconds: n(num),
    pit_stops: int,
    fastest_lap_time: n(num),
    has_fastest_lap: bool,
    points: int,
    official_position: n(int),
    official_status: n(str),
  })
  .openapi('RaceResultRow') satisfies z.ZodType<RaceResultRow>

export const LapRowSchema = z
  .object({
    session_key: int,
    driver_number: int,
    team_name: n(str),
    lap_number: int,
    lap_start_at: n(ts),
    lap_end_at: n(ts),
    lap_duration: n(num),
    duration_sector_1: n(num),
    duration_sector_2: n(num),
    duration_sector_3: n(num),
    i1_speed: n(int),
    i2_speed: n(int),
    st_speed: n(int),
    is_pit_out_lap: n(bool),
    is_pit_in_lap: n(bool),
    is_valid_lap: n(bool),
    stint_number: n(int),
    compound: n(str),
    tyre_age: n(int),
    is_personal_best_lap: n(bool),
    is_session_fastest_lap: n(bool),
    delta_to_personal_best: n(num),
    delta_to_session_best: n(num),
  })
  .openapi('LapRow') satisfies z.ZodType<LapRow>

export const StintRowSchema = z
  .object({
    session_key: int,
    driver_number: int,
    name_acronym: n(str),
    team_name: n(str),
    display_order: n(int),
    stint_number: int,
    compound: str,
    compound_colour: str,
    lap_start: n(int),
    lap_end: n(int),
    stint_laps: n(int),
    tyre_age_at_start: n(int),
    tyre_age_at_end: n(int),
    is_new_tyre: bool,
    avg_lap_time: n(num),
    best_lap_time: n(num),
    degradation_per_lap: n(num),
  })
  .openapi('StintRow') satisfies z.ZodType<StintRow>

export const PitStopRowSchema = z
  .object({
    session_key: int,
    driver_number: int,
    team_name: n(str),
    lap_number: n(int),
    stop_number: n(int),
    pit_at: n(ts),
    lane_duration: n(num),
    stop_duration: n(num),
    compound_before: n(str),
    compound_after: n(str),
    is_compound_change: n(bool),
  })
  .openapi('PitStopRow') satisfies z.ZodType<PitStopRow>

export const WeatherRowSchema = z
  .object({
    session_key: int,
    date: ts,
    air_temperature: n(num),
    track_temperature: n(num),
    humidity: n(num),
    pressure: n(num),
    is_raining: n(bool),
    wind_direction: n(int),
    wind_speed: n(num),
  })
  .openapi('WeatherRow') satisfies z.ZodType<WeatherRow>

export const RaceControlRowSchema = z
  .object({
    session_key: int,
    date: ts,
    category: n(str),
    flag: n(str),
    scope: n(str),
    sector: n(int),
    driver_number: n(int),
    lap_number: n(int),
    message: n(str),
    is_safety_car: n(bool),
    is_red_flag: n(bool),
  })
  .openapi('RaceControlRow') satisfies z.ZodType<RaceControlRow>

export const LapPositionRowSchema = z
  .object({
    session_key: int,
    driver_number: int,
    team_name: n(str),
    lap_number: int,
    lap_end_at: n(ts),
    elapsed_seconds: n(num),
    lap_duration: n(num),
    compound: n(str),
    tyre_age: n(int),
    is_pit_in_lap: n(bool),
    is_pit_out_lap: n(bool),
    position_at_lap: n(int),
    gap_to_leader_seconds: n(num),
    interval_to_car_ahead_seconds: n(num),
    is_leader: n(bool),
  })
  .openapi('LapPositionRow') satisfies z.ZodType<LapPositionRow>

const TelemetryPointSchema = z
  .object({
    distance: num,
    progress: num,
    date: ts,
    x: num,
    y: num,
    speed: n(num),
    throttle: n(num),
    n_gear: n(int),
    is_braking: n(bool),
    drs_open: n(bool),
  })
  .openapi('TelemetryPoint')

export const TelemetrySchema = z
  .object({
    session_key: int,
    source: z.enum(['track_map', 'silver']),
    laps: z.array(
      z
        .object({
          driver_number: int,
          lap_number: int,
          lap_duration: n(num),
          points: z.array(TelemetryPointSchema),
        })
        .openapi('TelemetryLap'),
    ),
    delta: z.array(z.object({ distance: num, delta: num })),
  })
  .openapi('Telemetry') satisfies z.ZodType<Telemetry>

export const TrackMapSchema = z
  .object({
    session_key: int,
    driver_number: int,
    lap_number: int,
    points: z.array(z.object({ x: num, y: num, progress: num, speed: n(num) })),
    drs_zones: z.array(z.object({ start: num, end: num })),
  })
  .openapi('TrackMap') satisfies z.ZodType<TrackMap>

export const DriverSummaryRowSchema = z
  .object({
    session_key: int,
    driver_number: int,
    full_name: n(str),
    name_acronym: n(str),
    team_name: n(str),
    team_category: n(str),
    total_laps: int,
    valid_laps: int,
    pit_out_laps: int,
    completed_laps: int,
    valid_lap_percentage: num,
    fastest_lap_time: n(num),
    slowest_lap_time: n(num),
    avg_lap_time: n(num),
    median_lap_time: n(num),
    stddev_lap_time: n(num),
    avg_sector_1: n(num),
    avg_sector_2: n(num),
    avg_sector_3: n(num),
    best_sector_1: n(num),
    best_sector_2: n(num),
    best_sector_3: n(num),
    theoretical_best_lap: n(num),
    consistency_coefficient: n(num),
    top_speed: n(num),
    avg_max_speed: n(num),
    stints_used: int,
    compounds_used: int,
    pit_stops: int,
  })
  .openapi('DriverSummaryRow') satisfies z.ZodType<DriverSummaryRow>

export const TeamPerformanceRowSchema = z
  .object({
    session_key: int,
    team_category: str,
    drivers_count: int,
    team_fastest_lap: n(num),
    team_avg_best_lap: n(num),
    intra_team_gap: n(num),
    fastest_driver_number: n(int),
    team_valid_laps: n(int),
    team_rank: int,
    gap_to_fastest_team: n(num),
  })
  .openapi('TeamPerformanceRow') satisfies z.ZodType<TeamPerformanceRow>

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
    team_colour: n(str),
    country_code: n(str),
    headshot_url: n(str),
    last_session_key: n(int),
  })
  .openapi('Driver') satisfies z.ZodType<Driver>

export const TeamSchema = z
  .object({
    team_name: str,
    team_category: n(str),
    constructor_lineage: n(str),
    team_colour: n(str),
    drivers_count: n(int),
    sessions_count: n(int),
    first_seen_at: n(ts),
    last_seen_at: n(ts),
  })
  .openapi('Team') satisfies z.ZodType<Team>
