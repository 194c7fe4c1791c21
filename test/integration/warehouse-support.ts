/**
 * Shared set-up of the warehouse tests: the recorded races extracted by the real extractor from
 * the replay server into a temp lakehouse, loaded with `pitwall load`, and the project in
 * `warehouse/` built with `pitwall build` (the real CLI, in child processes). Bronze tables of
 * endpoints the recordings lack are never created: the models read them through
 * `adapter.get_relation` (`bronze_relation`), which the engine answers from the catalog.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createLakehouseEngine } from '../../src/catalog/index.js'
import type { Engine } from '../../src/engine/index.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import {
  OpenF1Client,
  runExtraction,
  type EndpointName,
  type ReplayServer,
} from '../../src/openf1/index.js'
import { parseProject, type NodeResult, type ParsedProject } from '../../src/transform/index.js'
import { REPO_ROOT, runPitwall } from '../helpers/cli.js'
import { CATALOG } from './load-support.js'

/** The endpoints the tests extract (location and car_data, 4 M rows, are left to the bench). */
export const ENDPOINTS = [
  'sessions',
  'meetings',
  'drivers',
  'laps',
  'stints',
  'pit',
  'weather',
  'race_control',
] as const

/** The files of `warehouse/` as the engine's ProjectFiles (path relative to the project). */
export function warehouseFiles(): Record<string, string> {
  const root = join(REPO_ROOT, 'warehouse')
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f)
      return statSync(p).isDirectory() ? walk(p) : [p]
    })
  const files: Record<string, string> = {}
  for (const f of walk(root)) {
    if (/\.(sql|yml|csv|md)$/.test(f)) files[relative(root, f)] = readFileSync(f, 'utf8')
  }
  return files
}

/** The parsed warehouse project (dev target). */
export function warehouseProject(): ParsedProject {
  return parseProject(warehouseFiles())
}

/** A lakehouse home with its engines: `base` writes, `engine` sees every Delta table. */
export interface Lakehouse {
  readonly home: string
  readonly base: DuckDbEngine
  readonly engine: Engine
  close(): Promise<void>
}

/** Opens the lakehouse at `home`. */
export async function openLakehouse(home: string): Promise<Lakehouse> {
  const base = await DuckDbEngine.create()
  const engine = createLakehouseEngine(base, { home, catalogs: [CATALOG] })
  return { home, base, engine, close: () => engine.close() }
}

/**
 * Extracts `sessions` from the replay server into `<home>/landing` (the {@link ENDPOINTS} unless
 * `endpoints` says otherwise); `pitwall load` loads them.
 */
export async function extractAndLoad(
  lake: Lakehouse,
  server: ReplayServer,
  sessions: readonly number[],
  now: Date,
  endpoints: readonly EndpointName[] = ENDPOINTS,
): Promise<void> {
  const client = new OpenF1Client({ baseUrl: server.url, rate: [], concurrency: 8 })
  const result = await runExtraction({
    client,
    landingDir: join(lake.home, 'landing'),
    criteria: { sessions: sessions.map(String) },
    endpoints: [...endpoints],
    now: () => now,
  })
  if (result.totals.failed > 0) throw new Error(`extraction failed: ${JSON.stringify(result)}`)
  const load = runPitwall(['load', '--home', lake.home, '--json'])
  if (load.code !== 0) throw new Error(`pitwall load exited ${load.code}: ${load.stderr}`)
}

/**
 * Runs `pitwall build --home <home> --json` (with `tests: false`, without data and unit tests);
 * returns the node results it printed.
 */
export function build(lake: Lakehouse, options: { tests?: boolean } = {}): NodeResult[] {
  const args = ['build', '--home', lake.home, '--json', '--threads', '2']
  if (options.tests === false)
    args.push('--exclude', 'resource_type:test', 'resource_type:unit_test')
  const run = runPitwall(args)
  let parsed: { results?: NodeResult[] }
  try {
    parsed = JSON.parse(run.stdout) as { results?: NodeResult[] }
  } catch {
    throw new Error(`pitwall build exited ${run.code} without JSON: ${run.stderr.slice(-2000)}`)
  }
  return parsed.results ?? []
}

/** Rows of a query as plain objects. */
export async function rows(lake: Lakehouse, sql: string): Promise<Record<string, unknown>[]> {
  const r = await lake.engine.query(sql)
  return r.rows as Record<string, unknown>[]
}

/** A gold or silver table's three-level name. */
export function table(schema: 'silver_clean' | 'gold_analytics', name: string): string {
  return `${CATALOG}.${schema}.${name}`
}
