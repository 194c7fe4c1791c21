/**
 * @module transform/run/up-to-date
 * Skips rebuilding a `table` model, a seed or a snapshot whose inputs did not change: after each
 * successful build the runner saves a {@link BuildRecord} (hash of the compiled SQL or seed CSV
 * and the config, the Delta version of every relation read, the node's own version after the
 * write); the next build compares. Never with `--full-refresh` or `--empty`, never when an input
 * is a view (its rows can change without a version), never when the table moved on since.
 */
import {
  compileOrThrow,
  relationName,
  type MaterializeContext,
} from '../materialize/materialize-context.js'
import type { BuildRecord } from '../materialize/warehouse.js'
import { sha256Hex } from '../content-hash.js'
import type { ProjectNode } from '../project/types.js'

/** The message of a node skipped as up to date. */
export const UP_TO_DATE_MESSAGE = 'up to date: inputs unchanged since the last build'

/** A node's current fingerprint; `record` saves it once the node built. */
export interface Freshness {
  /** True when the last build's record matches: nothing to do. */
  readonly upToDate: boolean
  /** Saves the record for the build that just succeeded. */
  record(): Promise<void>
}

/** True for the nodes this applies to: `table` models, seeds and snapshots. */
export function tracksFreshness(ctx: MaterializeContext, node: ProjectNode): boolean {
  if (ctx.fullRefresh || ctx.empty === true) return false
  if (node.resource_type === 'seed' || node.resource_type === 'snapshot') return true
  return node.resource_type === 'model' && node.config.materialized === 'table'
}

/** Compares `node` with its last build; undefined when it cannot be skipped safely. */
export async function checkFreshness(
  ctx: MaterializeContext,
  node: ProjectNode,
): Promise<Freshness | undefined> {
  const { warehouse } = ctx
  const built =
    node.resource_type === 'seed'
      ? (node.seed_csv ?? '')
      : compileOrThrow(ctx.project, node, false, false, ctx.relations).sql
  const key = sha256Hex(`${built}\n${JSON.stringify(node.config)}`)
  const inputs: Record<string, number | 'absent'> = {}
  for (const rel of inputRelations(ctx, node)) {
    const v = await warehouse.version(rel)
    if (v === null) return undefined
    inputs[`${rel.database}.${rel.schema}.${rel.identifier}`] = v ?? 'absent'
  }
  const rel = relationName(node)
  const [last, own] = await Promise.all([warehouse.readBuildRecord(rel), warehouse.version(rel)])
  const upToDate =
    last !== undefined &&
    typeof own === 'number' &&
    last.key === key &&
    last.version === own &&
    JSON.stringify(last.inputs) === JSON.stringify(inputs)
  return {
    upToDate,
    record: async () => {
      const version = await warehouse.version(rel)
      if (typeof version !== 'number') return
      const next: BuildRecord = { key, inputs, version }
      await warehouse.writeBuildRecord(rel, next)
    },
  }
}

/** The stored relations `node` reads: its refs and sources, through ephemeral models. */
function inputRelations(
  ctx: MaterializeContext,
  node: ProjectNode,
): { database: string; schema: string; identifier: string }[] {
  const out = new Map<string, { database: string; schema: string; identifier: string }>()
  const seen = new Set<string>()
  const visit = (ids: readonly string[]): void => {
    for (const id of [...ids].sort()) {
      if (seen.has(id)) continue
      seen.add(id)
      const source = ctx.project.sources[id]
      if (source !== undefined) {
        const r = {
          database: source.database,
          schema: source.schema,
          identifier: source.identifier,
        }
        out.set(id, r)
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
