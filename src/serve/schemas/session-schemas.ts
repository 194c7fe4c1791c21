/**
 * @module serve/schemas/session-schemas
 * zod schemas of what a session holds: leaderboard, race results, laps, stints, pit stops,
 * weather, race control, positions per lap, driver summaries and team performance (rows of the
 * gold marts and two silver tables). The API's types are inferred from them (`api-types-f1.ts`),
 * and the keys of each row schema are the columns the route selects.
 */
import { z } from '@hono/zod-openapi'
import { bool, int, n, num, str, ts } from './common-schemas.js'

/** One driver's best lap, ranked: `gold_analytics.session_leaderboard`. */
export const LeaderboardRowSchema = z
  .object({
    session_key: int,
    position: int,
    driver_number: int,
    full_name: n(str),
    name_acronym: n(str),
    team_name: n(str),
    team_category: n(str),
    /** Hex without `#`, e.g. `3671C6`. */
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
  .openapi('LeaderboardRow')

/** A race classification row beside the official one: `gold_analytics.race_results`. */
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
    /** `Finished`, `Lapped`, `Retired`, … */
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
    /** The official classification (`/session_result`), when recorded. */
    official_position: n(int),
    official_status: n(str),
  })
  .openapi('RaceResultRow')

/** One lap: `gold_analytics.fact_laps`. */
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
  .openapi('LapRow')

/** One stint as a bar of the tyre strategy chart: `gold_analytics.tyre_strategy`. */
export const StintRowSchema = z
  .object({
    session_key: int,
    driver_number: int,
    name_acronym: n(str),
    team_name: n(str),
    /** Row order of the chart (finishing order). */
    display_order: n(int),
    stint_number: int,
    compound: str,
    /** Hex with `#`. */
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
  .openapi('StintRow')

/** A pit stop: `gold_analytics.fact_pit_stops`. */
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
  .openapi('PitStopRow')

/** A weather sample (about one a minute): `silver_clean.silver_weather` (silver grants). */
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
  .openapi('WeatherRow')

/** A race control message: `silver_clean.silver_race_control` (silver grants). */
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
  .openapi('RaceControlRow')

/** A driver's state at the end of a lap: `gold_analytics.lap_time_progression`. */
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
  .openapi('LapPositionRow')

/** Per driver and session: `gold_analytics.driver_session_summary`. */
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
  .openapi('DriverSummaryRow')

/** Per team (constructor) and session: `gold_analytics.team_performance`. */
export const TeamPerformanceRowSchema = z
  .object({
    session_key: int,
    team_category: str,
    drivers_count: int,
    team_fastest_lap: n(num),
    team_avg_best_lap: n(num),
    /** Seconds between the team's two drivers' best laps (teammate delta). */
    intra_team_gap: n(num),
    fastest_driver_number: n(int),
    team_valid_laps: n(int),
    team_rank: int,
    gap_to_fastest_team: n(num),
  })
  .openapi('TeamPerformanceRow')
