/**
 * @module transform/run/up-to-date
 * Skips a node whose inputs did not change since it last succeeded, so a build with no new data
 * costs next to nothing whatever the season size (issue 16): after each successful build the
 * runner saves a {@link BuildRecord} (hash of the compiled SQL or seed CSV and the config, the
 * Delta version of every relation read, the node's own version after the write); the next build
 * compares.
 *
 * Applies to `table` and `incremental` models (not `microbatch`, whose batches follow the clock),
 * seeds, snapshots, and data and unit tests that passed (a test over the same rows with the same
 * SQL gives the same answer; a failing or warning test always runs again, and so does one that
 * stores its failures). Never with `--full-refresh` or `--empty`, never when an input is a view
 * (its rows can change without a version), never when the table moved on since.
 */
import {
  compileOrThrow,
  fingerprintSql,
  relationName,
  type MaterializeContext,
} from '../materialize/materialize-context.js'
import type { BuildRecord, RelationName } from '../materialize/warehouse.js'
import { compileExecuting } from '../compile/execution-loop.js'
import { warehouseAnswerer } from '../materialize/warehouse-answers.js'
import { sha256Hex } from '../content-hash.js'
import type { ProjectNode } from '../project/types.js'
import { TemplateError } from '../transform-errors.js'

/** The message of a node skipped as up to date. */
export const UP_TO_DATE_MESSAGE = 'up to date: inputs unchanged since the last build'
/** The message of a test not run again because it passed on the same rows. */
export const TEST_UP_TO_DATE_MESSAGE = 'up to date: passed on the same inputs in the last build'

/** A node's current fingerprint; `record` saves it once the node built (or passed). */
export interface Freshness {
  /** True when the last build's record matches: nothing to do. */
  readonly upToDate: boolean
  /** Saves the record for the build that just succeeded. */
  record(): Promise<void>
}

/** True for the nodes whose last success can be reused (see the module comment). */
export function tracksFreshness(
  ctx: MaterializeContext,
  node: ProjectNode,
  options: { readonly storeFailures?: boolean } = {},
): boolean {
  if (ctx.fullRefresh || ctx.empty === true) return false
  switch (node.resource_type) {
    case 'seed':
    case 'snapshot':
    case 'unit_test':
      return true
    case 'test':
      return options.storeFailures !== true && !storesFailures(node)
    case 'model': {
      const mat = node.config.materialized
      if (mat === 'table') return true
      return mat === 'incremental' && node.config['incremental_strategy'] !== 'microbatch'
    }
    default:
      return false
  }
}

/** Compares `node` with its last success; undefined when it cannot be skipped safely. */
export async function checkFreshness(
  ctx: MaterializeContext,
  node: ProjectNode,
): Promise<Freshness | undefined> {
  const { warehouse } = ctx
  const key = sha256Hex(`${await builtText(ctx, node)}\n${JSON.stringify(node.config)}`)
  const inputs: Record<string, number | 'absent'> = {}
  for (const rel of inputRelations(ctx, node)) {
    const v = await warehouse.version(rel)
    if (v === null) return undefined
    inputs[`${rel.database}.${rel.schema}.${rel.identifier}`] = v ?? 'absent'
  }
  const rel = recordRelation(node)
  const isTest = node.resource_type === 'test' || node.resource_type === 'unit_test'
  // A test has no table of its own: its record's version is 0.
  const ownVersion = async () => (isTest ? 0 : await warehouse.version(rel))
  const [last, own] = await Promise.all([warehouse.readBuildRecord(rel), ownVersion()])
  const upToDate =
    last !== undefined &&
    typeof own === 'number' &&
    last.key === key &&
    last.version === own &&
    JSON.stringify(last.inputs) === JSON.stringify(inputs)
  return {
    upToDate,
    record: async () => {
      const version = await ownVersion()
      if (typeof version !== 'number') return
      const next: BuildRecord = { key, inputs, version }
      await warehouse.writeBuildRecord(rel, next)
    },
  }
}

/** What the node runs: compiled SQL (incremental branch when the table exists), or the CSV. */
async function builtText(ctx: MaterializeContext, node: ProjectNode): Promise<string> {
  if (node.resource_type === 'seed') return node.seed_csv ?? ''
  if (node.resource_type === 'unit_test') {
    // The fixtures and expectations, and the model's SQL they run through.
    const model = node.attached_node == null ? undefined : ctx.project.nodes[node.attached_node]
    const sql = model === undefined ? '' : (await compileOrThrow(ctx, model, false, false)).sql
    return `${JSON.stringify(node.unit_test ?? {})}\n${sql}`
  }
  if (node.resource_type === 'test') {
    const r = await compileExecuting(
      ctx.project,
      node.unique_id,
      ctx.relations === undefined ? {} : { relations: ctx.relations },
      warehouseAnswerer(ctx.warehouse),
    )
    if (!r.ok) throw new TemplateError(r.diagnostic)
    return r.node.compiled_code
  }
  const incremental = node.config.materialized === 'incremental'
  return fingerprintSql(ctx, node, incremental)
}

/** Where a node's record is kept: its relation (a test's is its audit-schema name). */
function recordRelation(node: ProjectNode): RelationName {
  if (node.resource_type === 'unit_test') {
    return { database: node.database, schema: node.schema, identifier: `unit_test__${node.name}` }
  }
  return relationName(node)
}

function storesFailures(node: ProjectNode): boolean {
  const as = node.config['store_failures_as']
  if (as === 'ephemeral') return false
  return node.config['store_failures'] === true || as === 'table' || as === 'view'
}

/**
 * The stored relations `node` reads: its refs and sources, through ephemeral models (for a unit
 * test, those of its model: their columns type the fixtures).
 */
function inputRelations(ctx: MaterializeContext, node: ProjectNode): RelationName[] {
  const out = new Map<string, RelationName>()
  const seen = new Set<string>()
  const visit = (ids: readonly string[]): void => {
    for (const id of [...ids].sort()) {
      if (seen.has(id)) continue
      seen.add(id)
      const source = ctx.project.sources[id]
      if (source !== undefined) {
        out.set(id, {
          database: source.database,
          schema: source.schema,
          identifier: source.identifier,
        })
        continue
      }
      const parent = ctx.project.nodes[id]
      if (parent === undefined) continue
      if (parent.config.materialized === 'ephemeral') visit(parent.depends_on.nodes)
      else out.set(id, relationName(parent))
    }
  }
  visit(node.depends_on.nodes)
  return [...out.values()]
}
