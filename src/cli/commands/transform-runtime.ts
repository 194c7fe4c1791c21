/**
 * @module cli/commands/transform-runtime
 * Wires the transformation engine to real storage (the composition root's job, STYLE.md §1): an
 * in-process DuckDB engine and the Delta warehouse under `--home`, with the project's existing
 * tables and persisted views made queryable first.
 */
import { NotBuiltError } from '../../core/index.js'
import { DuckDbEngine } from '../../engine/index.js'
import {
  DeltaWarehouse,
  buildDag,
  type ParsedProject,
  type RelationName,
} from '../../transform/index.js'
import type { CliContext } from '../context.js'

/** An open warehouse; call `close` when done. */
export interface TransformRuntime {
  readonly warehouse: DeltaWarehouse
  close(): Promise<void>
}

/** Opens DuckDB and the Delta warehouse at the lakehouse home. */
export async function openRuntime(
  ctx: CliContext,
  project: ParsedProject,
): Promise<TransformRuntime> {
  if (project.target.type !== 'duckdb') {
    throw new NotBuiltError(`running target '${project.target.name}' (type databricks)`)
  }
  const engine = await DuckDbEngine.create()
  const warehouse = new DeltaWarehouse({ home: ctx.home, engine })
  try {
    await warehouse.prepare(projectRelations(project))
  } catch (error) {
    await engine.close()
    throw error
  }
  return { warehouse, close: () => engine.close() }
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
