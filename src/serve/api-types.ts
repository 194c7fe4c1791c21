/**
 * @module serve/api-types
 * The API's contract for clients (the dashboard imports this file and nothing else of `src/`):
 * every route under `/api/`, what it answers, the error shape, pagination, and a helper that
 * fills a route's path. Types and constants only — every import is `import type`, erased by the
 * build — so it bundles into the browser as is. The answers' types are inferred from the zod
 * schemas (`schemas/*.ts`) that also validate them and generate `/api/openapi.json`, so the
 * dashboard's types, the server and the document cannot drift.
 *
 * Authentication: `Authorization: Bearer <token>` (`pitwall tokens create`) on every route but
 * `GET /api/health`, `GET /api/openapi.json` and `GET /api/docs`. No token or an invalid one →
 * 401; a table the principal may not read → 403 (`access-denied`); lists only show what the
 * principal may read.
 */
export type * from './api-types-f1.js'
export type * from './api-types-warehouse.js'
export { PROBLEM_CODES } from './api-basics.js'
export type { ApiProblem, Health, Me, ProblemCode } from './api-basics.js'
import type { Health, Me } from './api-basics.js'
import type {
  DriverSummaryRow,
  Driver,
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
} from './api-types-f1.js'
import type {
  CatalogInfo,
  Freshness,
  Lineage,
  PipelineRun,
  PipelineRunDetail,
  SchemaInfo,
  SqlResult,
  TableDetail,
  TableRows,
  TableSummary,
  TableVersion,
  TestFailures,
  TestResults,
  ColumnDetail,
} from './api-types-warehouse.js'

/** A page of a list: `?limit=&offset=` (limit 1–10,000). */
export interface Page<T> {
  readonly items: readonly T[]
  readonly limit: number
  readonly offset: number
  /** The offset of the next page, or null when this is the last. */
  readonly next_offset: number | null
}

/** What each route answers (200), by `METHOD path-template`. */
export interface ApiResponses {
  'GET /api/health': Health
  'GET /api/me': Me
  'GET /api/catalogs': Page<CatalogInfo>
  'GET /api/catalogs/{catalog}/schemas': Page<SchemaInfo>
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables': Page<TableSummary>
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}': TableDetail
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/columns': Page<ColumnDetail>
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/history': Page<TableVersion>
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/rows': TableRows
  /** A file (`?format=csv|parquet&version=`), streamed. */
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/export': Blob
  'GET /api/seasons': Page<Season>
  'GET /api/meetings': Page<Meeting>
  'GET /api/sessions': Page<Session>
  'GET /api/sessions/{session_key}': Session
  'GET /api/sessions/{session_key}/leaderboard': Page<LeaderboardRow>
  'GET /api/sessions/{session_key}/results': Page<RaceResultRow>
  'GET /api/sessions/{session_key}/laps': Page<LapRow>
  'GET /api/sessions/{session_key}/stints': Page<StintRow>
  'GET /api/sessions/{session_key}/pit-stops': Page<PitStopRow>
  'GET /api/sessions/{session_key}/weather': Page<WeatherRow>
  'GET /api/sessions/{session_key}/race-control': Page<RaceControlRow>
  'GET /api/sessions/{session_key}/positions': Page<LapPositionRow>
  'GET /api/sessions/{session_key}/telemetry': Telemetry
  'GET /api/sessions/{session_key}/track-map': TrackMap
  'GET /api/sessions/{session_key}/drivers': Page<DriverSummaryRow>
  'GET /api/sessions/{session_key}/teams': Page<TeamPerformanceRow>
  'GET /api/drivers': Page<Driver>
  'GET /api/drivers/{driver_number}/sessions': Page<DriverSummaryRow>
  'GET /api/teams': Page<Team>
  'GET /api/lineage': Lineage
  'GET /api/tests': TestResults
  'GET /api/tests/{unique_id}/failures': TestFailures
  'GET /api/runs': Page<PipelineRun>
  'GET /api/runs/{run_id}': PipelineRunDetail
  'GET /api/freshness': Freshness
  'POST /api/sql': SqlResult
  /** A file (body `{sql, format: 'csv'|'parquet'}`), streamed. */
  'POST /api/sql/export': Blob
}

/** A route key of {@link ApiResponses}. */
export type ApiRoute = keyof ApiResponses

/** The query parameters each route takes (all optional unless noted). */
export interface ApiQueries {
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/rows': PageQuery & {
    version?: number
  }
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/export': {
    format?: 'csv' | 'parquet'
    version?: number
  }
  'GET /api/meetings': PageQuery & { year?: number }
  'GET /api/sessions': PageQuery & {
    year?: number
    meeting_key?: number
    session_type?: string
  }
  'GET /api/sessions/{session_key}/laps': PageQuery & { driver_number?: number }
  'GET /api/sessions/{session_key}/positions': PageQuery & { driver_number?: number }
  /** `drivers`: one or two car numbers, comma-separated (required); `lap`: a lap (silver grants). */
  'GET /api/sessions/{session_key}/telemetry': { drivers: string; lap?: number }
  /** `driver_number`: default the session's fastest driver. */
  'GET /api/sessions/{session_key}/track-map': { driver_number?: number }
  'GET /api/drivers': PageQuery & { year?: number }
  'GET /api/runs': PageQuery & { status?: string }
}

/** Pagination of list routes. */
export interface PageQuery {
  /** 1–10,000 (default 100 for catalogs and runs, 1,000 for session data). */
  limit?: number
  offset?: number
}

/** Every route key, in the order the reference documents them. */
export const API_ROUTES = [
  'GET /api/health',
  'GET /api/me',
  'GET /api/catalogs',
  'GET /api/catalogs/{catalog}/schemas',
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables',
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}',
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/columns',
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/history',
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/rows',
  'GET /api/catalogs/{catalog}/schemas/{schema}/tables/{table}/export',
  'GET /api/seasons',
  'GET /api/meetings',
  'GET /api/sessions',
  'GET /api/sessions/{session_key}',
  'GET /api/sessions/{session_key}/leaderboard',
  'GET /api/sessions/{session_key}/results',
  'GET /api/sessions/{session_key}/laps',
  'GET /api/sessions/{session_key}/stints',
  'GET /api/sessions/{session_key}/pit-stops',
  'GET /api/sessions/{session_key}/weather',
  'GET /api/sessions/{session_key}/race-control',
  'GET /api/sessions/{session_key}/positions',
  'GET /api/sessions/{session_key}/telemetry',
  'GET /api/sessions/{session_key}/track-map',
  'GET /api/sessions/{session_key}/drivers',
  'GET /api/sessions/{session_key}/teams',
  'GET /api/drivers',
  'GET /api/drivers/{driver_number}/sessions',
  'GET /api/teams',
  'GET /api/lineage',
  'GET /api/tests',
  'GET /api/tests/{unique_id}/failures',
  'GET /api/runs',
  'GET /api/runs/{run_id}',
  'GET /api/freshness',
  'POST /api/sql',
  'POST /api/sql/export',
] as const satisfies readonly ApiRoute[]

/**
 * The URL path of a route with its parameters filled in (each encoded), plus a query string:
 * `apiPath('GET /api/sessions/{session_key}/laps', { session_key: 9550 }, { driver_number: 14 })`
 * → `/api/sessions/9550/laps?driver_number=14`.
 */
export function apiPath(
  route: ApiRoute,
  params: Readonly<Record<string, string | number>> = {},
  query: Readonly<Record<string, string | number | undefined>> = {},
): string {
  const template = route.slice(route.indexOf(' ') + 1)
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`apiPath: missing parameter '${name}' for ${route}`)
    return encodeURIComponent(String(value))
  })
  const search = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return search === '' ? path : `${path}?${search}`
}
