/**
 * Shared parts of the warehouse benchmarks: the project in `warehouse/`, the lakehouse wiring the
 * CLI uses, bronze written straight from JSON files (for the synthetic season, whose 50 M
 * telemetry rows would make the per-file loader the whole benchmark), the plain-DuckDB baseline
 * that runs the same compiled SQL without the framework, and a peak-memory sampler.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import {
  createLakehouseEngine,
  discoverTables,
  tableName,
  tablePath,
} from '../src/catalog/index.js'
import { DuckDbEngine, type Engine } from '../src/engine/index.js'
import { LocalObjectStore, objectStoreFor, writeTable } from '../src/lake/index.js'
import {
  buildDag,
  compileNode,
  DeltaWarehouse,
  executeRun,
  relationKey,
  parseProject,
  relationOf,
  type NodeResult,
  type ParsedProject,
  type RelationName,
  type RunCommand,
} from '../src/transform/index.js'

/** The catalog the benchmarks build. */
export const CATALOG = 'dev_f1_data_analytics'
const WAREHOUSE = join(import.meta.dirname, '..', 'warehouse')

/** Bronze table of each landing/recording endpoint folder. */
export const BRONZE_OF: Readonly<Record<string, string>> = {
  sessions: 'bronze_sessions',
  meetings: 'bronze_meetings',
  drivers: 'bronze_drivers',
  laps: 'bronze_laps',
  location: 'bronze_locations',
  car_data: 'bronze_car_data',
  stints: 'bronze_stints',
  pit: 'bronze_pit',
  weather: 'bronze_weather',
  race_control: 'bronze_race_control',
  position: 'bronze_position',
  intervals: 'bronze_intervals',
  session_result: 'bronze_session_result',
}

const METADATA = `now()::timestamptz as _ingestion_timestamp, filename as _source_file, current_date as batch_day, cast(null as json) as _rescued_data`
const EMPTY_BRONZE = `select cast(null as json) as _rescued_data, cast(null as timestamptz) as _ingestion_timestamp, cast(null as varchar) as _source_file, cast(null as date) as batch_day where false`

/** The parsed warehouse project. */
export function warehouseProject(): ParsedProject {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f)
      return statSync(p).isDirectory() ? walk(p) : [p]
    })
  const files: Record<string, string> = {}
  for (const f of walk(WAREHOUSE)) {
    if (/\.(sql|yml|csv|md)$/.test(f)) files[relative(WAREHOUSE, f)] = readFileSync(f, 'utf8')
  }
  return parseProject(files)
}

/**
 * The lakehouse at `home` as the CLI wires it: `pitwall build` runs its warehouse on a plain
 * DuckDB engine (views refreshed by the warehouse itself, see `runProject`); `engine` is the
 * lakehouse engine `pitwall sql` queries through (it re-checks every table before each
 * statement), for reading results only.
 */
export async function openLakehouse(home: string): Promise<{
  home: string
  base: DuckDbEngine
  engine: Engine
  warehouse: DeltaWarehouse
}> {
  const base = await DuckDbEngine.create()
  const engine = createLakehouseEngine(base, { home, catalogs: [CATALOG] })
  return {
    home,
    base,
    engine,
    warehouse: new DeltaWarehouse({ home, engine: base, storeFor: objectStoreFor }),
  }
}

/** The relations a build of `project` reads or writes (the CLI's `projectRelations`). */
function projectRelations(project: ParsedProject): RelationName[] {
  const rels: RelationName[] = Object.values(project.sources).map((s) => ({
    database: s.database,
    schema: s.schema,
    identifier: s.identifier,
  }))
  for (const n of Object.values(project.nodes)) {
    if (!['model', 'seed', 'snapshot'].includes(n.resource_type)) continue
    if (n.config.materialized === 'ephemeral') continue
    rels.push({ database: n.database, schema: n.schema, identifier: n.alias })
  }
  return rels
}

function bronzePath(home: string, table: string): string {
  return tablePath(home, tableName(CATALOG, 'bronze_raw', table))
}

/** `read_json` of `files` with every date-like value kept as the string the API sent. */
async function jsonSelect(executor: DuckDbEngine, files: readonly string[]): Promise<string> {
  const list = files.map((f) => `'${f}'`).join(', ')
  const from = `read_json([${list}], union_by_name = true, filename = true, maximum_object_size = 268435456)`
  const described = await executor.all(`describe select * exclude (filename) from ${from}`)
  const columns = described.map((c) => {
    const name = `"${String(c['column_name'])}"`
    return /^(TIME|DATE|UUID|INTERVAL)/.test(String(c['column_type']))
      ? `cast(${name} as varchar) as ${name}`
      : name
  })
  return `select ${columns.join(', ')}, ${METADATA} from ${from}`
}

/** Appends the rows of `files` (JSON arrays) to a bronze Delta table, with the bronze columns. */
export async function writeBronze(
  home: string,
  executor: DuckDbEngine,
  table: string,
  files: readonly string[],
): Promise<void> {
  await writeTable({
    store: new LocalObjectStore(bronzePath(home, table)),
    executor,
    sql: await jsonSelect(executor, files),
    mode: 'append',
    mergeSchema: true,
  })
}

/**
 * Runs `pitwall build`'s core: `nodes` = seeds, models and snapshots (`build --exclude
 * resource_type:test resource_type:unit_test`), `test` = data and unit tests. Throws when a node
 * errors.
 */
export async function runProject(
  lake: { readonly home: string; readonly warehouse: DeltaWarehouse },
  project: ParsedProject,
  what: 'nodes' | 'test',
): Promise<NodeResult[]> {
  const command: RunCommand = what === 'test' ? 'test' : 'build'
  // As the CLI does before a run: every existing table's view over its latest snapshot.
  await lake.warehouse.prepare(projectRelations(project))
  // As the CLI does: the catalog's tables answer `adapter.get_relation` (missing bronze tables
  // of endpoints that never arrived read as empty).
  const relations = new Set(
    discoverTables(lake.home, [CATALOG]).map((t) =>
      relationKey(t.name.catalog, t.name.schema, t.name.table),
    ),
  )
  const outcome = await executeRun(project, lake.warehouse, {
    command,
    relations,
    threads: Number(process.env['WAREHOUSE_BENCH_THREADS'] ?? 2),
    ...(what === 'nodes' ? { exclude: ['resource_type:test', 'resource_type:unit_test'] } : {}),
  })
  const errors = outcome.results.filter((r) => r.status === 'error')
  if (errors.length > 0) {
    throw new Error(errors.map((r) => `${r.unique_id}: ${r.message ?? ''}`).join('\n'))
  }
  return [...outcome.results]
}

/**
 * The baseline: the same transformations as plain DuckDB statements in one in-memory database:
 * bronze tables from `read_json` of the landing files, then every seed, model and snapshot of the
 * project as `CREATE TABLE … AS <compiled SQL>` in DAG order. No Delta, no framework.
 */
export async function plainDuckDb(
  project: ParsedProject,
  filesByEndpoint: Readonly<Record<string, readonly string[]>>,
): Promise<{ built: number; seconds: Record<string, number> }> {
  const db = await DuckDbEngine.create()
  const seconds: Record<string, number> = {}
  /** Runs one statement, keeping its time under `name` (the slowest are reported). */
  const timed = async (name: string, sql: string): Promise<void> => {
    const started = performance.now()
    await db.run(sql)
    seconds[name] = (performance.now() - started) / 1000
  }
  try {
    await db.run(`attach ':memory:' as ${CATALOG}`)
    for (const s of ['bronze_raw', 'silver_clean', 'gold_analytics'])
      await db.run(`create schema ${CATALOG}.${s}`)
    for (const [endpoint, table] of Object.entries(BRONZE_OF)) {
      const files = filesByEndpoint[endpoint] ?? []
      const target = `${CATALOG}.bronze_raw.${table}`
      if (files.length === 0) {
        await db.run(`create table ${target} as ${EMPTY_BRONZE}`)
        continue
      }
      await timed(table, `create table ${target} as ${await jsonSelect(db, files)}`)
    }
    let built = 0
    const dag = buildDag(project.nodes, Object.keys(project.sources))
    for (const id of dag.order) {
      const node = project.nodes[id]
      if (node === undefined || !['seed', 'model', 'snapshot'].includes(node.resource_type))
        continue
      const rel = relationOf(node).render()
      if (node.resource_type === 'seed') {
        const csv = join(WAREHOUSE, node.original_file_path.replace(/^warehouse\//, ''))
        await timed(
          node.name,
          `create table ${rel} as select * from read_csv('${csv}', header = true)`,
        )
      } else {
        const compiled = compileNode(project, id)
        if (!compiled.ok) throw new Error(`${id}: ${compiled.diagnostic.message}`)
        const sql = compiled.node.compiled_code
        await timed(
          node.name,
          node.resource_type === 'snapshot'
            ? `create table ${rel} as select *, md5(random()::varchar) as dbt_scd_id, now() as dbt_updated_at, now() as dbt_valid_from, cast(null as timestamptz) as dbt_valid_to from (${sql})`
            : `create table ${rel} as ${sql}`,
        )
      }
      built++
    }
    return { built, seconds }
  } finally {
    await db.close()
  }
}

/** Samples the process's resident memory while `fn` runs; returns its result and the peak (MiB). */
export async function withPeakMemory<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 100)
  try {
    const value = await fn()
    peak = Math.max(peak, process.memoryUsage().rss)
    return { value, peakMiB: Math.round(peak / 2 ** 20) }
  } finally {
    clearInterval(timer)
  }
}

/** JSON files of one recording/landing folder for the given sessions (`key=` layout). */
export function recordingFiles(
  dir: string,
  endpoint: string,
  sessions: readonly number[],
): string[] {
  const out: string[] = []
  for (const s of sessions) {
    const single = join(dir, endpoint, `session_key=${s}.json.gz`)
    if (existsSync(single)) out.push(single)
    const perDriver = join(dir, endpoint, `session_key=${s}`)
    if (existsSync(perDriver)) for (const f of readdirSync(perDriver)) out.push(join(perDriver, f))
  }
  return out
}
