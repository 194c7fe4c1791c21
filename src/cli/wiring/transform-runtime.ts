/**
 * @module cli/wiring/transform-runtime
 * Wires the transformation engine to real storage (the composition root's job, STYLE.md §1): an
 * in-process DuckDB engine and the Delta warehouse under `--home`, with the project's existing
 * tables and persisted views made queryable first.
 *
 * Builds run with a DuckDB `memory_limit` (`PITWALL_MEMORY_LIMIT`, default 2GB) and a
 * `temp_directory` under the home, so a large build spills to disk instead of growing with the
 * season or failing (issue 16).
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { existingRelations as findExistingRelations } from '../../catalog/index.js'
import { NotBuiltError } from '../../core/index.js'
import {
  DeltaWarehouse,
  buildDag,
  relationKey,
  type ParsedProject,
  type RelationName,
  type Warehouse,
} from '../../transform/index.js'
import type { CliContext } from '../context.js'
import { openDuckDb, storeFor } from './adapters.js'
import { openDatabricksRuntime } from './databricks-runtime.js'

/** An open warehouse; call `close` when done. */
export interface TransformRuntime {
  /** The Delta warehouse (embedded targets) or the Databricks one. */
  readonly warehouse: Warehouse
  /** The relations that exist (keys from `relationKey`), for `adapter.get_relation`. */
  readonly relations: ReadonlySet<string>
  close(): Promise<void>
}

/**
 * DuckDB's memory budget for builds unless `PITWALL_MEMORY_LIMIT` says otherwise. 1.25GB, not the
 * 2 GB goal itself: the limit caps DuckDB's buffer pool only, and Node plus DuckDB's other
 * allocations come on top (23-race catch-up builds peaked at 2.2–2.6 GB RSS under a 2GB limit and
 * at 1.8–2.2 GB under 1.5GB, bench warehouse-history).
 */
export const DEFAULT_BUILD_MEMORY_LIMIT = '1.25GB'

/** The DuckDB settings of a build: bounded memory, spilling under the home. */
export function buildEngineOptions(
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): { memoryLimit: string; tempDirectory: string } {
  return {
    memoryLimit: env['PITWALL_MEMORY_LIMIT'] ?? DEFAULT_BUILD_MEMORY_LIMIT,
    tempDirectory: join(home, '_tmp', 'duckdb'),
  }
}

/** Opens DuckDB and the Delta warehouse at the lakehouse home. */
export async function openRuntime(
  ctx: CliContext,
  project: ParsedProject,
): Promise<TransformRuntime> {
  if (project.target.type === 'databricks') return openDatabricks(ctx, project)
  if (project.target.type !== 'duckdb') {
    throw new NotBuiltError(`running target '${project.target.name}' (type ${project.target.type})`)
  }
  const options = buildEngineOptions(ctx.home, ctx.io.env)
  // DuckDB creates the spill folder itself but not its parents (the home may be new).
  await mkdir(options.tempDirectory, { recursive: true })
  const engine = await openDuckDb(options)
  const warehouse = new DeltaWarehouse({
    home: ctx.home,
    engine,
    storeFor,
    onWarning: (message) => ctx.logger.warn(message),
  })
  let relations: ReadonlySet<string>
  try {
    await warehouse.prepare(projectRelations(project))
    relations = existingRelations(ctx.home, project)
  } catch (error) {
    await engine.close()
    throw error
  }
  return { warehouse, relations, close: () => engine.close() }
}

/** A Databricks target: the SQL warehouse, its schemas created, existing relations asked of it. */
async function openDatabricks(ctx: CliContext, project: ParsedProject): Promise<TransformRuntime> {
  const { warehouse, close } = await openDatabricksRuntime(ctx, project)
  try {
    const rels = projectRelations(project)
    await warehouse.prepare(rels)
    const relations = new Set<string>()
    for (const r of rels) {
      if ((await warehouse.describe(r)) !== undefined)
        relations.add(relationKey(r.database, r.schema, r.identifier))
    }
    return { warehouse, relations, close }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * The relations that exist in the project's catalogs, as `adapter.get_relation` sees them (the
 * catalog registry's tables and views, and the project's own relations outside its schemas), as
 * `relationKey`s. Reads the disk only.
 */
export function existingRelations(home: string, project: ParsedProject): Set<string> {
  const declared = projectRelations(project)
  const catalogs = [...new Set(declared.map((r) => r.database))]
  const found = findExistingRelations(
    home,
    catalogs,
    declared.map((r) => ({ catalog: r.database, schema: r.schema, table: r.identifier })),
  )
  return new Set(found.map((t) => relationKey(t.catalog, t.schema, t.table)))
}

/** Sources, then models, seeds and snapshots in dependency order. */
export function projectRelations(project: ParsedProject): RelationName[] {
  const rels: RelationName[] = Object.values(project.sources).map((s) => ({
    database: s.database,
    schema: s.schema,
    identifier: s.identifier,
  }))
  const dag = buildDag(project.nodes, Object.keys(project.sources))
  for (const id of dag.order) {
    const n = project.nodes[id]
    if (n === undefined || !['model', 'seed', 'snapshot'].includes(n.resource_type)) continue
    if (n.config.materialized === 'ephemeral') continue
    rels.push({ database: n.database, schema: n.schema, identifier: n.alias })
  }
  return rels
}
