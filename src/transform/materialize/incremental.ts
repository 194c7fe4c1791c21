/**
 * @module transform/materialize/incremental
 * The `incremental` materialization: the first run (or `--full-refresh`, or a view in the way)
 * builds the table like `table`; later runs compile the model with `is_incremental()` true,
 * stage the new rows once (the query may read the table it is about to change), apply
 * `on_schema_change`, and hand the batch to its strategy (`incremental-strategies.ts`). A batch
 * with no rows and no schema change commits nothing. A batch that replaces whole partitions on a
 * warehouse that writes them in one pass (Delta) is not staged: the query runs once, straight
 * into the new files (issue 16). `microbatch` runs per time window (`microbatch.ts`).
 */
import { listOf } from '../project/config-checks.js'
import type { ProjectNode } from '../project/types.js'
import { sqlIdent, sqlQualified } from '../../core/index.js'
import {
  applyStrategy,
  replacePartitionsInOnePass,
  replacesPartitions,
  strategyOf,
  type Batch,
} from './incremental-strategies.js'
import {
  compileOrThrow,
  type MaterializeContext,
  type MaterializeOutcome,
} from './materialize-context.js'
import { runMicrobatch } from './microbatch.js'
import { planSchemaChange, type SchemaPlan } from './schema-change.js'
import type { RelationInfo, RelationName } from './warehouse.js'

/** Materializes an incremental model. */
export async function materializeIncremental(
  ctx: MaterializeContext,
  node: ProjectNode,
  rel: RelationName,
): Promise<MaterializeOutcome> {
  const existing = await ctx.warehouse.describe(rel)
  const fullRefresh = ctx.fullRefresh && node.config['full_refresh'] !== false
  if (node.config['incremental_strategy'] === 'microbatch') {
    const exists = existing !== undefined && existing.kind === 'table' && !fullRefresh
    const outcome = await runMicrobatch(ctx, node, rel, exists, new Date(ctx.now ?? Date.now()))
    await afterWrite(ctx, node, rel)
    return outcome
  }
  if (existing === undefined || existing.kind === 'view' || fullRefresh) {
    const c = await compileOrThrow(ctx, node, false, ctx.empty)
    const w = await ctx.warehouse.write(rel, c.sql, {
      mode: 'overwrite',
      partitionBy: listOf(node.config['partition_by']),
    })
    await afterWrite(ctx, node, rel)
    const why =
      existing === undefined
        ? 'created'
        : fullRefresh
          ? 'rebuilt (full refresh)'
          : 'replaced view with'
    return {
      message: `OK ${why} incremental table (${w.rows} rows)`,
      rowsAffected: w.rows,
      compiledCode: c.sql,
      relationName: c.relation,
    }
  }
  return incrementalBatch(ctx, node, rel, existing)
}

/** One incremental run into an existing table. */
async function incrementalBatch(
  ctx: MaterializeContext,
  node: ProjectNode,
  rel: RelationName,
  existing: RelationInfo,
): Promise<MaterializeOutcome> {
  const { warehouse } = ctx
  const c = await compileOrThrow(ctx, node, true, ctx.empty)
  const outcome = (message: string, rowsAffected: number): MaterializeOutcome => ({
    message,
    rowsAffected,
    compiledCode: c.sql,
    relationName: c.relation,
  })
  const noRows = outcome('OK no new rows (nothing written)', 0)
  const partitionBy = existing.partitionBy ?? []
  if (
    warehouse.partitionOverwriteInOnePass === true &&
    replacesPartitions(node.config, partitionBy)
  ) {
    const plan = await schemaChange(ctx, node, c.sql, existing)
    if (plan.drop.length === 0) {
      // An empty batch replaces no partition and commits nothing by itself.
      const w = await replacePartitionsInOnePass(warehouse, node, rel, batchOf(plan, existing))
      if (w.rows === 0 && plan.added.length === 0) return noRows
      await afterWrite(ctx, node, rel)
      return outcome(described(w.message, plan), w.rows)
    }
  }
  const staged = await warehouse.stage(c.sql)
  try {
    const plan = await schemaChange(ctx, node, staged.sql, existing)
    const unchanged = plan.drop.length === 0 && plan.added.length === 0
    // No new rows: no delete, no insert, no empty commit (the table keeps its version).
    if (unchanged && (await isEmpty(ctx, staged.sql))) return noRows
    if (plan.drop.length > 0) {
      const keep = existing.columns
        .filter((col) => !plan.drop.includes(col.name))
        .map((col) => sqlIdent(col.name))
      const from = sqlQualified([rel.database, rel.schema, rel.identifier])
      await warehouse.write(rel, `select ${keep.join(', ')} from ${from}`, { mode: 'overwrite' })
    }
    const w = await applyStrategy(ctx, node, rel, strategyOf(node.config), batchOf(plan, existing))
    await afterWrite(ctx, node, rel)
    return outcome(described(w.message, plan), w.rows)
  } finally {
    await staged.release()
  }
}

/** The batch's columns against the table's, and what `on_schema_change` makes of them. */
async function schemaChange(
  ctx: MaterializeContext,
  node: ProjectNode,
  sql: string,
  existing: RelationInfo,
): Promise<SchemaPlan> {
  const probe = await ctx.warehouse.query(`select * from (${sql}) as probe limit 0`)
  return planSchemaChange(
    String(node.config['on_schema_change'] ?? 'ignore'),
    sql,
    existing.columns,
    probe.columns,
  )
}

function batchOf(plan: SchemaPlan, existing: RelationInfo): Batch {
  return {
    sql: plan.sql,
    mergeSchema: plan.mergeSchema,
    columns: [...existing.columns.map((x) => x.name), ...plan.added],
    partitionBy: existing.partitionBy ?? [],
  }
}

/** A strategy's message with the schema change it made. */
function described(message: string, plan: SchemaPlan): string {
  let m = message
  if (plan.added.length > 0)
    m += `; added column(s) ${plan.added.join(', ')} (old rows are NULL there; --full-refresh backfills)`
  if (plan.drop.length > 0) m += `; dropped column(s) ${plan.drop.join(', ')}`
  return m
}

async function isEmpty(ctx: MaterializeContext, sql: string): Promise<boolean> {
  const n = await ctx.warehouse.query(`select count(*) as n from (${sql}) as batch`)
  return Number(n.rows[0]?.['n'] ?? 0) === 0
}

/** `tblproperties` and `zorder_by`, applied after a write (metadata commit, OPTIMIZE). */
export async function afterWrite(
  ctx: MaterializeContext,
  node: ProjectNode,
  rel: RelationName,
): Promise<void> {
  const props = node.config['tblproperties']
  if (props !== null && typeof props === 'object' && Object.keys(props).length > 0) {
    const strings: Record<string, string> = {}
    for (const [k, v] of Object.entries(props)) strings[k] = String(v)
    await ctx.warehouse.setProperties(rel, strings)
  }
  const zorder = listOf(node.config['zorder_by'])
  if (zorder.length > 0) await ctx.warehouse.optimize(rel, zorder)
}
