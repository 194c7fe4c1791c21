/**
 * @module cli/wiring/demo-leaderboard
 * The demo's headline: the race classification from `gold_analytics.race_results` (position,
 * driver, team, laps, race time, gap), read straight from the Delta table.
 */
import { join } from 'node:path'
import { NotADeltaTableError, loadSnapshot, scanSql } from '../../lake/index.js'
import { openDuckDb, storeFor } from './adapters.js'

/** One classified driver. */
export interface LeaderboardRow {
  readonly position: number | null
  readonly driver: string
  readonly team: string
  readonly laps: number | null
  readonly raceTimeSeconds: number | null
  readonly gapSeconds: number | null
  readonly status: string
  readonly points: number | null
}

/** The classification of the newest race in `catalog` (empty when none is built). */
export async function raceLeaderboard(
  home: string,
  catalog: string,
): Promise<{ sessionKey: number | null; rows: LeaderboardRow[] }> {
  const engine = await openDuckDb()
  try {
    let snapshot
    try {
      snapshot = await loadSnapshot(
        storeFor(join(home, catalog, 'gold_analytics', 'race_results')),
        {
          sql: engine,
        },
      )
    } catch (error) {
      if (error instanceof NotADeltaTableError) return { sessionKey: null, rows: [] }
      throw error
    }
    const scan = await scanSql(snapshot, { sql: engine })
    const rows = await engine.all(
      `WITH r AS (${scan}), race AS (SELECT max(session_key) AS k FROM r WHERE session_category = 'Race')
       SELECT r.* FROM r, race WHERE r.session_key = race.k ORDER BY position NULLS LAST, laps_completed DESC`,
    )
    const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
    return {
      sessionKey: num(rows[0]?.['session_key']),
      rows: rows.map((r) => ({
        position: num(r['position']),
        driver: String(r['full_name'] ?? r['name_acronym'] ?? r['driver_number']),
        team: String(r['team_name'] ?? ''),
        laps: num(r['laps_completed']),
        raceTimeSeconds: num(r['race_time_seconds']),
        gapSeconds: num(r['gap_to_winner_seconds']),
        status: String(r['status'] ?? ''),
        points: num(r['points']),
      })),
    }
  } finally {
    await engine.close()
  }
}

/** `1:31:44.742` */
export function formatRaceTime(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`
}

/** The leaderboard as text: the top `top` rows and a line for the rest. */
export function formatLeaderboard(rows: readonly LeaderboardRow[], top = 10): string[] {
  const shown = rows.slice(0, top)
  const table = shown.map((r) => [
    r.position === null ? '-' : String(r.position),
    r.driver,
    r.team,
    r.laps === null ? '' : String(r.laps),
    r.position === 1 && r.raceTimeSeconds !== null
      ? formatRaceTime(r.raceTimeSeconds)
      : r.gapSeconds !== null && r.status === 'Finished'
        ? `+${r.gapSeconds.toFixed(3)}`
        : r.status,
    r.points === null ? '' : String(r.points),
  ])
  const header = ['pos', 'driver', 'team', 'laps', 'time / gap', 'pts']
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? '').length)))
  const right = new Set([0, 3, 4, 5])
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
  const out = [line(header), ...table.map(line)]
  if (rows.length > shown.length) out.push(`… ${rows.length - shown.length} more`)
  return out
}
