/**
 * @module load/known-types
 * Types for OpenF1 keys whose values can all be null in one landing file (API.md §4), so that a
 * column first seen empty still gets the type later files need (an all-null `stop_duration` in
 * one race must not make the column VARCHAR and rescue every number after it). Keys the API
 * documents as mixed (`gap_to_leader`: number | "+1 LAP" | [q1, q2, q3]) are always JSON.
 * Unknown all-null keys become VARCHAR.
 */

/** Keys whose values mix JSON types by design: always a JSON column. */
export const MIXED_KEYS: ReadonlySet<string> = new Set(['gap_to_leader', 'interval', 'duration'])

const KNOWN: Readonly<Record<string, string>> = {
  meeting_key: 'BIGINT',
  session_key: 'BIGINT',
  driver_number: 'BIGINT',
  lap_number: 'BIGINT',
  lap_duration: 'DOUBLE',
  duration_sector_1: 'DOUBLE',
  duration_sector_2: 'DOUBLE',
  duration_sector_3: 'DOUBLE',
  i1_speed: 'BIGINT',
  i2_speed: 'BIGINT',
  st_speed: 'BIGINT',
  segments_sector_1: 'BIGINT[]',
  segments_sector_2: 'BIGINT[]',
  segments_sector_3: 'BIGINT[]',
  is_pit_out_lap: 'BOOLEAN',
  pit_duration: 'DOUBLE',
  lane_duration: 'DOUBLE',
  stop_duration: 'DOUBLE',
  compound: 'VARCHAR',
  tyre_age_at_start: 'BIGINT',
  position: 'BIGINT',
  points: 'DOUBLE',
  number_of_laps: 'BIGINT',
  qualifying_phase: 'BIGINT',
  sector: 'BIGINT',
  is_cancelled: 'BOOLEAN',
  rainfall: 'BIGINT',
}

/** The column type for `key` when a file has only nulls for it. */
export function knownType(key: string): string {
  if (MIXED_KEYS.has(key)) return 'JSON'
  return KNOWN[key] ?? 'VARCHAR'
}
