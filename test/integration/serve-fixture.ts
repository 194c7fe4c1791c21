/**
 * A tiny lakehouse for the serving tests, built once per test file in a temp dir: real Delta
 * tables (written by the lake's writer) for the gold tables the API reads — columns taken from
 * the API's own row schemas, a few rows each around session 9550 — some silver and bronze
 * tables, a 3,000-row `numbers` table for cross joins, a second catalog, and the transform
 * artifacts (manifest, run_results, sources) the warehouse routes read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { z } from '@hono/zod-openapi'
import { sqlString } from '../../src/core/index.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import { objectStoreFor, writeTable } from '../../src/lake/index.js'
import * as f1 from '../../src/serve/schemas/f1-schemas.js'
import * as rows from '../../src/serve/schemas/session-schemas.js'

export const DEV = 'dev_f1_data_analytics'
export const PROD = 'prod_f1_data_analytics'
export const ENVIRONMENTS = [
  { target: 'dev', catalog: DEV },
  { target: 'prod', catalog: PROD },
] as const

type Value = string | number | boolean | null
type Row = Readonly<Record<string, Value>>

/** DuckDB types of a row schema's columns, from its JSON schema. */
function columnTypes(schema: z.ZodObject): [string, string][] {
  const json = z.toJSONSchema(schema) as {
    properties: Record<
      string,
      { type?: string | string[]; format?: string; anyOf?: { type?: string; format?: string }[] }
    >
  }
  return Object.entries(json.properties).map(([name, p]) => {
    const first = p.anyOf?.[0] ?? p
    const type = Array.isArray(first.type) ? first.type[0] : first.type
    if (first.format === 'date-time') return [name, 'TIMESTAMPTZ']
    if (type === 'integer') return [name, 'BIGINT']
    if (type === 'number') return [name, 'DOUBLE']
    if (type === 'boolean') return [name, 'BOOLEAN']
    return [name, 'VARCHAR']
  })
}

const DEFAULTS: Record<string, Value> = {
  BIGINT: 1,
  DOUBLE: 1.5,
  BOOLEAN: false,
  VARCHAR: 'x',
  TIMESTAMPTZ: '2024-06-30T13:00:00Z',
}

function literal(value: Value, type: string): string {
  if (value === null) return `NULL::${type}`
  return typeof value === 'string' ? `${sqlString(value)}::${type}` : `${String(value)}::${type}`
}

/** A SELECT of `rows` with the columns (and types) of `schema`; missing values get defaults. */
function rowsSql(schema: z.ZodObject, rows: readonly Row[]): string {
  const cols = columnTypes(schema)
  const selects = rows.map(
    (r) =>
      `SELECT ${cols.map(([name, type]) => `${literal(name in r ? (r[name] as Value) : (DEFAULTS[type] as Value), type)} AS "${name}"`).join(', ')}`,
  )
  return selects.join('\nUNION ALL\n')
}

/** The fixture: where it is, and how to add to it. */
export interface ServeFixture {
  readonly home: string
  /** A plain (not sandboxed) engine for the fixture's own writes. */
  readonly engine: DuckDbEngine
  /** Writes (overwrites) `<catalog>.<schema>.<table>` with the rows of `sql`. */
  write(catalog: string, schema: string, table: string, sql: string): Promise<number>
  cleanup(): Promise<void>
}

const T0 = Date.UTC(2024, 5, 30, 13, 3, 0)
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString()

/** Builds the fixture in a new temp dir. */
export async function buildServeFixture(): Promise<ServeFixture> {
  const home = mkdtempSync(join(tmpdir(), 'pitwall-serve-'))
  const engine = await DuckDbEngine.create({ threads: 2 })
  const write = async (catalog: string, schema: string, table: string, sql: string) =>
    (
      await writeTable({
        store: objectStoreFor(join(home, catalog, schema, table)),
        executor: engine,
        sql,
        mode: 'overwrite',
      })
    ).version
  const gold = (table: string, schema: z.ZodObject, rows: readonly Row[]) =>
    write(DEV, 'gold_analytics', table, rowsSql(schema, rows))
  const drivers = [
    {
      driver_number: 14,
      full_name: 'Fernando ALONSO',
      name_acronym: 'ALO',
      team_name: 'Aston Martin',
    },
    { driver_number: 63, full_name: 'George RUSSELL', name_acronym: 'RUS', team_name: 'Mercedes' },
    { driver_number: 81, full_name: 'Oscar PIASTRI', name_acronym: 'PIA', team_name: 'McLaren' },
  ]
  const session = { session_key: 9550, meeting_key: 1240 }
  await gold('dim_sessions', f1.SessionSchema, [
    {
      ...session,
      session_name: 'Race',
      session_type: 'Race',
      session_category: 'Race',
      is_race: true,
      year: 2024,
      date_start: at(0),
      session_label: '2024 Austrian Grand Prix – Race',
    },
    {
      session_key: 9549,
      meeting_key: 1240,
      session_name: 'Qualifying',
      session_type: 'Qualifying',
      session_category: 'Qualifying',
      is_race: false,
      year: 2024,
      date_start: at(-86400),
    },
  ])
  await gold('dim_meetings', f1.MeetingSchema, [
    { meeting_key: 1240, meeting_name: 'Austrian Grand Prix', year: 2024, date_start: at(-200000) },
  ])
  await write(
    DEV,
    'gold_analytics',
    'dim_drivers',
    `SELECT *, true AS is_current FROM (${rowsSql(
      f1.DriverSchema,
      drivers.map((d) => ({ ...d, last_session_key: 9550 })),
    )})`,
  )
  await gold(
    'dim_teams',
    f1.TeamSchema,
    drivers.map((d) => ({ team_name: d.team_name, team_category: d.team_name })),
  )
  await gold('session_leaderboard', rows.LeaderboardRowSchema, [
    {
      ...session,
      ...drivers[0],
      position: 1,
      fastest_lap_time: 67.694,
      fastest_lap_number: 57,
      delta_to_fastest: 0,
      is_top_3: true,
    },
    {
      ...session,
      ...drivers[1],
      position: 2,
      fastest_lap_time: 67.8,
      fastest_lap_number: 50,
      delta_to_fastest: 0.106,
      is_top_3: true,
    },
    {
      ...session,
      ...drivers[2],
      position: 3,
      fastest_lap_time: 68.0,
      fastest_lap_number: 44,
      delta_to_fastest: 0.306,
      is_top_3: true,
    },
  ])
  await gold('race_results', rows.RaceResultRowSchema, [
    { ...session, ...drivers[1], position: 1, status: 'Finished', official_position: 1 },
    { ...session, ...drivers[2], position: 2, status: 'Finished', official_position: 2 },
    { ...session, ...drivers[0], position: 3, status: 'Finished', official_position: 18 },
  ])
  const laps = drivers.flatMap((d) =>
    [1, 2, 3].map((lap) => ({
      ...session,
      driver_number: d.driver_number,
      lap_number: lap,
      lap_duration: 68 + lap / 10,
      lap_start_at: at(lap * 68),
      lap_end_at: at(lap * 68 + 68),
    })),
  )
  await gold('fact_laps', rows.LapRowSchema, laps)
  await gold(
    'lap_time_progression',
    rows.LapPositionRowSchema,
    laps.map((l, i) => ({ ...l, position_at_lap: (i % 3) + 1 })),
  )
  await gold(
    'tyre_strategy',
    rows.StintRowSchema,
    drivers.map((d, i) => ({
      ...session,
      driver_number: d.driver_number,
      stint_number: 1,
      compound: 'MEDIUM',
      compound_colour: '#FFD12E',
      display_order: i + 1,
    })),
  )
  await gold('fact_pit_stops', rows.PitStopRowSchema, [
    { ...session, driver_number: 14, lap_number: 2, pit_at: at(150) },
  ])
  await gold(
    'driver_session_summary',
    rows.DriverSummaryRowSchema,
    drivers.map((d) => ({ ...session, ...d })),
  )
  await gold(
    'team_performance',
    rows.TeamPerformanceRowSchema,
    drivers.map((d, i) => ({ ...session, team_category: d.team_name, team_rank: i + 1 })),
  )
  const track = (driver: number, seconds: number) =>
    Array.from({ length: 20 }, (_, i) => ({
      ...session,
      driver_number: driver,
      lap_number: 3,
      point_index: i,
      date: at(1000 + (i * seconds) / 19),
      progress: i / 19,
      position_x: Math.round(1000 * Math.cos((2 * Math.PI * i) / 19)),
      position_y: Math.round(1000 * Math.sin((2 * Math.PI * i) / 19)),
      speed: 200 + i,
      throttle: 100,
      n_gear: 8,
      is_braking: false,
    }))
  await write(
    DEV,
    'gold_analytics',
    'track_map',
    `SELECT session_key::BIGINT AS session_key, driver_number::BIGINT AS driver_number,
       lap_number::INTEGER AS lap_number, point_index::INTEGER AS point_index, date::TIMESTAMPTZ AS date,
       progress::DOUBLE AS progress, position_x::INTEGER AS position_x, position_y::INTEGER AS position_y,
       0::INTEGER AS position_z, speed::INTEGER AS speed, n_gear::INTEGER AS n_gear,
       throttle::INTEGER AS throttle, is_braking::BOOLEAN AS is_braking
     FROM read_json_auto(${sqlString(writeJson(home, 'track.json', [...track(14, 67.694), ...track(63, 67.8)]))})`,
  )
  await write(DEV, 'gold_analytics', 'numbers', 'SELECT range AS n FROM range(3000)')
  await write(
    DEV,
    'silver_clean',
    'silver_weather',
    rowsSql(
      rows.WeatherRowSchema,
      [0, 60, 120].map((s) => ({ ...session, date: at(s), air_temperature: 25 })),
    ),
  )
  await write(
    DEV,
    'silver_clean',
    'silver_race_control',
    rowsSql(rows.RaceControlRowSchema, [
      { ...session, date: at(5), message: 'GREEN LIGHT - PIT EXIT OPEN' },
    ]),
  )
  await write(DEV, 'silver_clean', 'silver_laps', rowsSql(rows.LapRowSchema, laps.slice(0, 3)))
  await write(
    DEV,
    'silver_clean',
    'silver_car_data',
    `SELECT 9550::BIGINT AS session_key, d::BIGINT AS driver_number, (TIMESTAMPTZ '2024-06-30 13:19:40+00' + to_milliseconds(i * 300)) AS date,
       (200 + i)::INTEGER AS speed, 100::INTEGER AS throttle, 8::INTEGER AS n_gear, false AS is_braking, (i BETWEEN 60 AND 108) AS is_drs_open
     FROM range(240) t(i), (VALUES (14), (63)) AS drivers(d)`,
  )
  await write(
    DEV,
    'bronze_raw',
    'bronze_laps',
    `SELECT 9550::BIGINT AS session_key, 14::BIGINT AS driver_number, 1::INTEGER AS lap_number`,
  )
  await write(
    PROD,
    'gold_analytics',
    'session_leaderboard',
    rowsSql(rows.LeaderboardRowSchema, [{ ...session, ...drivers[1], position: 1 }]),
  )
  writeArtifacts(home)
  return {
    home,
    engine,
    write,
    async cleanup() {
      await engine.close()
      rmSync(home, { recursive: true, force: true })
    },
  }
}

function writeJson(home: string, name: string, value: unknown): string {
  const path = join(home, '.fixture', name)
  mkdirSync(join(home, '.fixture'), { recursive: true })
  writeFileSync(path, JSON.stringify(value))
  return path
}

/** A manifest, run results and sources.json for four nodes, two tests and one source. */
function writeArtifacts(home: string): void {
  const dir = join(home, 'target', 'dev')
  mkdirSync(dir, { recursive: true })
  const meta = (kind: string) => ({
    dbt_schema_version: `https://schemas.getdbt.com/dbt/${kind}.json`,
    dbt_version: '1.10.0',
    generated_at: '2024-07-01T00:00:00.000Z',
    invocation_id: 'fixture',
    env: {},
  })
  const rel = (schema: string, table: string) => `"${DEV}"."${schema}"."${table}"`
  const node = (
    type: string,
    name: string,
    schema: string,
    deps: string[],
    extra: object = {},
  ) => ({
    unique_id: `${type}.pitwall.${name}`,
    resource_type: type,
    name,
    package_name: 'pitwall',
    database: DEV,
    schema,
    alias: name,
    original_file_path: `models/${name}.sql`,
    fqn: ['pitwall', name],
    description: `the ${name} table`,
    columns: {
      session_key: { name: 'session_key', description: 'the session', meta: {}, tags: [] },
    },
    tags: [],
    config: { materialized: type === 'test' ? 'test' : 'table', severity: 'ERROR' },
    depends_on: { nodes: deps, macros: [] },
    relation_name: type === 'test' ? null : rel(schema, name),
    raw_code: 'select 1',
    checksum: { name: 'sha256', checksum: 'x' },
    ...extra,
  })
  const source = {
    unique_id: 'source.pitwall.bronze.bronze_laps',
    resource_type: 'source',
    source_name: 'bronze',
    name: 'bronze_laps',
    identifier: 'bronze_laps',
    database: DEV,
    schema: 'bronze_raw',
    description: 'laps as received',
    columns: {},
    loaded_at_field: '_ingestion_timestamp',
    relation_name: rel('bronze_raw', 'bronze_laps'),
  }
  const nodes = [
    node('model', 'silver_laps', 'silver_clean', [source.unique_id]),
    node('model', 'fact_laps', 'gold_analytics', ['model.pitwall.silver_laps']),
    node('model', 'session_leaderboard', 'gold_analytics', ['model.pitwall.fact_laps']),
    node(
      'test',
      'not_null_session_leaderboard_position',
      'gold_analytics',
      ['model.pitwall.session_leaderboard'],
      { attached_node: 'model.pitwall.session_leaderboard', column_name: 'position' },
    ),
    node('test', 'unique_silver_laps_key', 'silver_clean', ['model.pitwall.silver_laps'], {
      attached_node: 'model.pitwall.silver_laps',
    }),
  ]
  const parents = Object.fromEntries([
    ...nodes.map((n) => [n.unique_id, n.depends_on.nodes]),
    [source.unique_id, []],
  ])
  const children: Record<string, string[]> = {}
  for (const [child, ps] of Object.entries(parents))
    for (const p of ps as string[]) (children[p] ??= []).push(child)
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      metadata: { ...meta('manifest/v12'), project_name: 'pitwall', adapter_type: 'duckdb' },
      nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
      sources: { [source.unique_id]: source },
      macros: {},
      docs: {},
      exposures: {},
      unit_tests: {},
      parent_map: parents,
      child_map: children,
    }),
  )
  const result = (id: string, status: string, extra: object = {}) => ({
    unique_id: id,
    status,
    timing: [],
    thread_id: 'Thread-1',
    execution_time: 0.1,
    adapter_response: {},
    message: status === 'fail' ? 'Got 1 result, configured to fail if != 0' : null,
    failures: status === 'fail' ? 1 : status === 'pass' ? 0 : null,
    compiled: true,
    compiled_code: 'select 1',
    relation_name: null,
    batch_results: null,
    ...extra,
  })
  writeFileSync(
    join(dir, 'run_results.json'),
    JSON.stringify({
      metadata: meta('run-results/v6'),
      elapsed_time: 1,
      args: {},
      results: [
        result('model.pitwall.silver_laps', 'success'),
        result('model.pitwall.fact_laps', 'success'),
        result('model.pitwall.session_leaderboard', 'success'),
        result('test.pitwall.not_null_session_leaderboard_position', 'pass'),
        result('test.pitwall.unique_silver_laps_key', 'fail', {
          failing_rows_sample: [{ session_key: 9550, driver_number: 14, lap_number: 1, n: 2 }],
        }),
      ],
    }),
  )
  writeFileSync(
    join(dir, 'sources.json'),
    JSON.stringify({
      metadata: meta('sources/v3'),
      elapsed_time: 0.1,
      results: [
        {
          unique_id: source.unique_id,
          max_loaded_at: '2024-06-30T16:00:00Z',
          snapshotted_at: '2024-07-01T00:00:00Z',
          max_loaded_at_time_ago_in_s: 28800,
          status: 'warn',
          criteria: {
            warn_after: { count: 6, period: 'hour' },
            error_after: { count: 2, period: 'day' },
            filter: null,
          },
          adapter_response: {},
          timing: [],
          thread_id: 'Thread-1',
          execution_time: 0.01,
        },
      ],
    }),
  )
}
