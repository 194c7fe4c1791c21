/**
 * @module serve/api-types-f1
 * Response types of the API's Formula 1 routes (seasons, meetings, sessions and what a session
 * holds). Rows carry the gold tables' columns with their names (snake_case), so what the API
 * returns is what `POST /api/sql` returns for the same table. Timestamps are ISO-8601 strings
 * (`Z` for UTC instants), durations are seconds. Plain types only: the dashboard bundles them.
 */

/** A season: the year and how much of it the warehouse holds. */
export interface Season {
  readonly year: number
  readonly meetings: number
  readonly sessions: number
  /** Sessions that are races or sprints. */
  readonly races: number
}

/** A meeting (a race weekend), `gold_analytics.dim_meetings`. */
export interface Meeting {
  readonly meeting_key: number
  readonly meeting_name: string | null
  readonly meeting_official_name: string | null
  readonly location: string | null
  readonly country_name: string | null
  readonly country_code: string | null
  readonly circuit_key: number | null
  readonly circuit_short_name: string | null
  readonly circuit_type: string | null
  readonly date_start: string | null
  readonly date_end: string | null
  readonly gmt_offset: string | null
  readonly year: number | null
  readonly is_cancelled: boolean | null
  readonly sessions_count: number | null
}

/** A session, `gold_analytics.dim_sessions`. */
export interface Session {
  readonly session_key: number
  readonly meeting_key: number | null
  readonly session_name: string | null
  /** `Race`, `Qualifying`, `Practice`. */
  readonly session_type: string | null
  /** `Race`, `Sprint`, `Qualifying`, `Sprint Qualifying`, `Practice`. */
  readonly session_category: string | null
  readonly is_race: boolean | null
  readonly date_start: string | null
  readonly date_end: string | null
  readonly session_duration_minutes: number | null
  readonly year: number | null
  readonly location: string | null
  readonly country_name: string | null
  readonly country_code: string | null
  readonly circuit_key: number | null
  readonly circuit_short_name: string | null
  readonly gmt_offset: string | null
  readonly is_cancelled: boolean | null
  readonly meeting_name: string | null
  /** e.g. `2024 Austrian Grand Prix – Race`. */
  readonly session_label: string | null
}

/** One driver's best lap, ranked: `gold_analytics.session_leaderboard`. */
export interface LeaderboardRow {
  readonly session_key: number
  readonly position: number
  readonly driver_number: number
  readonly full_name: string | null
  readonly name_acronym: string | null
  readonly team_name: string | null
  readonly team_category: string | null
  /** Hex without `#`, e.g. `3671C6`. */
  readonly team_colour: string | null
  readonly fastest_lap_time: number
  readonly fastest_lap_number: number
  readonly fastest_lap_compound: string | null
  readonly valid_laps: number | null
  readonly delta_to_fastest: number
  readonly gap_percentage: number
  readonly gap_to_car_ahead: number | null
  readonly is_top_3: boolean
  readonly is_top_10: boolean
  readonly is_fastest_in_team: boolean
}

/** A race classification row beside the official one: `gold_analytics.race_results`. */
export interface RaceResultRow {
  readonly session_key: number
  readonly session_category: string | null
  readonly position: number
  readonly driver_number: number
  readonly full_name: string | null
  readonly name_acronym: string | null
  readonly team_name: string | null
  readonly is_classified: boolean
  /** `Finished`, `Lapped`, `Retired`, … */
  readonly status: string
  readonly laps_completed: number
  readonly laps_behind: number
  readonly finished_at: string | null
  readonly race_time_seconds: number | null
  readonly gap_to_winner_seconds: number | null
  readonly interval_to_car_ahead_seconds: number | null
  readonly pit_stops: number
  readonly fastest_lap_time: number | null
  readonly has_fastest_lap: boolean
  readonly points: number
  /** The official classification (`/session_result`), when recorded. */
  readonly official_position: number | null
  readonly official_status: string | null
}

/** One lap: `gold_analytics.fact_laps`. */
export interface LapRow {
  readonly session_key: number
  readonly driver_number: number
  readonly team_name: string | null
  readonly lap_number: number
  readonly lap_start_at: string | null
  readonly lap_end_at: string | null
  readonly lap_duration: number | null
  readonly duration_sector_1: number | null
  readonly duration_sector_2: number | null
  readonly duration_sector_3: number | null
  readonly i1_speed: number | null
  readonly i2_speed: number | null
  readonly st_speed: number | null
  readonly is_pit_out_lap: boolean | null
  readonly is_pit_in_lap: boolean | null
  readonly is_valid_lap: boolean | null
  readonly stint_number: number | null
  readonly compound: string | null
  readonly tyre_age: number | null
  readonly is_personal_best_lap: boolean | null
  readonly is_session_fastest_lap: boolean | null
  readonly delta_to_personal_best: number | null
  readonly delta_to_session_best: number | null
}

/** One stint as a bar of the tyre strategy chart: `gold_analytics.tyre_strategy`. */
export interface StintRow {
  readonly session_key: number
  readonly driver_number: number
  readonly name_acronym: string | null
  readonly team_name: string | null
  /** Row order of the chart (finishing order). */
  readonly display_order: number | null
  readonly stint_number: number
  readonly compound: string
  /** Hex with `#`. */
  readonly compound_colour: string
  readonly lap_start: number | null
  readonly lap_end: number | null
  readonly stint_laps: number | null
  readonly tyre_age_at_start: number | null
  readonly tyre_age_at_end: number | null
  readonly is_new_tyre: boolean
  readonly avg_lap_time: number | null
  readonly best_lap_time: number | null
  readonly degradation_per_lap: number | null
}

/** A pit stop: `gold_analytics.fact_pit_stops`. */
export interface PitStopRow {
  readonly session_key: number
  readonly driver_number: number
  readonly team_name: string | null
  readonly lap_number: number | null
  readonly stop_number: number | null
  readonly pit_at: string | null
  readonly lane_duration: number | null
  readonly stop_duration: number | null
  readonly compound_before: string | null
  readonly compound_after: string | null
  readonly is_compound_change: boolean | null
}

/** A weather sample (about one a minute): `silver_clean.silver_weather` (silver grants). */
export interface WeatherRow {
  readonly session_key: number
  readonly date: string
  readonly air_temperature: number | null
  readonly track_temperature: number | null
  readonly humidity: number | null
  readonly pressure: number | null
  readonly is_raining: boolean | null
  readonly wind_direction: number | null
  readonly wind_speed: number | null
}

/** A race control message: `silver_clean.silver_race_control` (silver grants). */
export interface RaceControlRow {
  readonly session_key: number
  readonly date: string
  readonly category: string | null
  readonly flag: string | null
  readonly scope: string | null
  readonly sector: number | null
  readonly driver_number: number | null
  readonly lap_number: number | null
  readonly message: string | null
  readonly is_safety_car: boolean | null
  readonly is_red_flag: boolean | null
}

/** A driver's state at the end of a lap: `gold_analytics.lap_time_progression`. */
export interface LapPositionRow {
  readonly session_key: number
  readonly driver_number: number
  readonly team_name: string | null
  readonly lap_number: number
  readonly lap_end_at: string | null
  readonly elapsed_seconds: number | null
  readonly lap_duration: number | null
  readonly compound: string | null
  readonly tyre_age: number | null
  readonly is_pit_in_lap: boolean | null
  readonly is_pit_out_lap: boolean | null
  readonly position_at_lap: number | null
  readonly gap_to_leader_seconds: number | null
  readonly interval_to_car_ahead_seconds: number | null
  readonly is_leader: boolean | null
}

/** One telemetry sample of a lap, placed along the lap. */
export interface TelemetryPoint {
  /** Metres from the start of the lap (from the x/y path; approximate, as FastF1 warns). */
  readonly distance: number
  /** 0 → 1 through the lap (time-based). */
  readonly progress: number
  readonly date: string
  readonly x: number
  readonly y: number
  readonly speed: number | null
  readonly throttle: number | null
  readonly n_gear: number | null
  readonly is_braking: boolean | null
  /** DRS open (only when read from silver car data, else null). */
  readonly drs_open: boolean | null
}

/** One driver's lap as a telemetry trace. */
export interface TelemetryLap {
  readonly driver_number: number
  readonly lap_number: number
  /** The lap time (s), when known. */
  readonly lap_duration: number | null
  readonly points: readonly TelemetryPoint[]
}

/**
 * `GET /api/sessions/{session_key}/telemetry?drivers=a,b[&lap=n]`: each driver's lap (their
 * fastest by default, from `gold_analytics.track_map`; a given lap reads silver car data and
 * locations and needs silver grants), and the time delta of the second driver to the first over
 * distance (positive = slower).
 */
export interface Telemetry {
  readonly session_key: number
  /** `track_map` (each driver's fastest lap) or `silver` (the lap asked for). */
  readonly source: 'track_map' | 'silver'
  readonly laps: readonly TelemetryLap[]
  /** Seconds the second lap is behind the first at each distance (approximate). */
  readonly delta: readonly { readonly distance: number; readonly delta: number }[]
}

/** `GET /api/sessions/{session_key}/track-map`: one lap's x/y path coloured by speed. */
export interface TrackMap {
  readonly session_key: number
  readonly driver_number: number
  readonly lap_number: number
  readonly points: readonly {
    readonly x: number
    readonly y: number
    readonly progress: number
    readonly speed: number | null
  }[]
  /**
   * The DRS zones as stretches of the lap (progress 0 → 1): where drivers had DRS open over their
   * fastest laps (silver car data; empty for principals who may not read it).
   */
  readonly drs_zones: readonly { readonly start: number; readonly end: number }[]
}

/** Per driver and session: `gold_analytics.driver_session_summary`. */
export interface DriverSummaryRow {
  readonly session_key: number
  readonly driver_number: number
  readonly full_name: string | null
  readonly name_acronym: string | null
  readonly team_name: string | null
  readonly team_category: string | null
  readonly total_laps: number
  readonly valid_laps: number
  readonly pit_out_laps: number
  readonly completed_laps: number
  readonly valid_lap_percentage: number
  readonly fastest_lap_time: number | null
  readonly slowest_lap_time: number | null
  readonly avg_lap_time: number | null
  readonly median_lap_time: number | null
  readonly stddev_lap_time: number | null
  readonly avg_sector_1: number | null
  readonly avg_sector_2: number | null
  readonly avg_sector_3: number | null
  readonly best_sector_1: number | null
  readonly best_sector_2: number | null
  readonly best_sector_3: number | null
  readonly theoretical_best_lap: number | null
  readonly consistency_coefficient: number | null
  readonly top_speed: number | null
  readonly avg_max_speed: number | null
  readonly stints_used: number
  readonly compounds_used: number
  readonly pit_stops: number
}

/** Per team (constructor) and session: `gold_analytics.team_performance`. */
export interface TeamPerformanceRow {
  readonly session_key: number
  readonly team_category: string
  readonly drivers_count: number
  readonly team_fastest_lap: number | null
  readonly team_avg_best_lap: number | null
  /** Seconds between the team's two drivers' best laps (teammate delta). */
  readonly intra_team_gap: number | null
  readonly fastest_driver_number: number | null
  readonly team_valid_laps: number | null
  readonly team_rank: number
  readonly gap_to_fastest_team: number | null
}

/** A driver (current version of the SCD2 dimension): `gold_analytics.dim_drivers`. */
export interface Driver {
  readonly driver_number: number
  readonly full_name: string | null
  readonly first_name: string | null
  readonly last_name: string | null
  readonly broadcast_name: string | null
  readonly name_acronym: string | null
  readonly team_name: string | null
  readonly team_category: string | null
  readonly team_colour: string | null
  readonly country_code: string | null
  readonly headshot_url: string | null
  readonly last_session_key: number | null
}

/** A team: `gold_analytics.dim_teams`. */
export interface Team {
  readonly team_name: string
  readonly team_category: string | null
  readonly constructor_lineage: string | null
  readonly team_colour: string | null
  readonly drivers_count: number | null
  readonly sessions_count: number | null
  readonly first_seen_at: string | null
  readonly last_seen_at: string | null
}
