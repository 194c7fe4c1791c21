/**
 * @module transform/materialize/materialize-model
 * Wraps a model's compiled `select` in what its materialization needs (STYLE.md §10):
 * `view`, `table`, `ephemeral` (nothing to run), `incremental` with the `append`, `merge` and
 * `delete+insert` strategies, `on_schema_change`, `--full-refresh`, then `tblproperties` and
 * `zorder_by` applied after the write. Throws on failure; the runner turns that into a status.
 */
import { compileNode, relationOf } from '../compile/compile-node.js'
import type { ParsedProject } from '../project/parse-project.js'
import type { ProjectNode } from '../project/types.js'
import { TemplateError } from '../transform-errors.js'
import { contractViolations, hasContract } from './contract.js'
import { runMicrobatch } from './microbatch.js'
import { planSchemaChange } from './schema-change.js'
import { quote, type RelationName, type Warehouse } from './warehouse.js'

/** What a materialization needs. */
export interface MaterializeContext {
  readonly project: ParsedProject
  readonly warehouse: Warehouse
  /** `--full-refresh`. */
  readonly fullRefresh: boolean
  /** The run's timestamp (ISO): microbatch windows end here. */
  readonly now?: string
  /** `--empty`: refs and sources read zero rows. */
  readonly empty?: boolean
  /** Microbatch backfill window (`--event-time-start` / `--event-time-end`, ISO). */
  readonly eventTimeStart?: string
  readonly eventTimeEnd?: string
  /**
   * The relations that exist (keys from `relationKey`), for `adapter.get_relation`; the runner
   * adds each relation it creates. Absent: every relation is taken to exist.
   */
  readonly relations?: Set<string>
}

/** What a materialization did. */
export interface MaterializeOutcome {
  /** e.g. `OK created table`, `MERGE 12 inserted, 3 updated`. */
  readonly message: string
  readonly rowsAffected: number
  readonly compiledCode: string
  readonly relationName: string | null
}

/** The relation of a node as a {@link RelationName}. */
export function relationName(node: ProjectNode): RelationName {
  const r = relationOf(node)
  return { database: r.database, schema: r.schema, identifier: r.identifier }
}

/** Compiles a node or throws the template's diagnostic as a {@link TemplateError}. */
export function compileOrThrow(
  project: ParsedProject,
  node: ProjectNode,
  isIncremental: boolean,
  empty = false,
  relations?: ReadonlySet<string>,
): { sql: string; relation: string | null } {
  const r = compileNode(project, node.unique_id, {
    isIncremental,
    empty,
    ...(relations === undefined ? {} : { relations }),
  })
  if (!r.ok) throw new TemplateError(r.diagnostic)
  return { sql: r.node.compiled_code, relation: r.node.relation_name }
}

/** Materializes one model. */
export async function materializeModel(
  ctx: MaterializeContext,
  node: ProjectNode,
): Promise<MaterializeOutcome> {
  const { warehouse } = ctx
  const mat = node.config.materialized
  const rel = relationName(node)
  if (hasContract(node) && mat !== 'ephemeral') {
    const c = compileOrThrow(ctx.project, node, false, ctx.empty, ctx.relations)
    const probe = await warehouse.query(`select * from (${c.sql}) as contract_probe limit 0`)
    const problems = contractViolations(node, probe.columns)
    if (problems.length > 0) {
      throw new Error(`the model's columns break its contract: ${problems.join('; ')}`)
    }
  }
  if (mat === 'ephemeral') {
    const c = compileOrThrow(ctx.project, node, false, ctx.empty, ctx.relations)
    return {
      message: 'OK ephemeral (inlined where used)',
      rowsAffected: 0,
      compiledCode: c.sql,
      relationName: null,
    }
  }
  if (mat === 'view') {
    const c = compileOrThrow(ctx.project, node, false, ctx.empty, ctx.relations)
    await warehouse.createView(rel, c.sql)
    return {
      message: 'OK created view',
      rowsAffected: 0,
      compiledCode: c.sql,
      relationName: c.relation,
    }
  }
  if (mat === 'table') {
    const c = compileOrThrow(ctx.project, node, false, ctx.empty, ctx.relations)
    const w = await warehouse.write(rel, c.sql, {
      mode: 'overwrite',
      partitionBy: listOf(node.config['partition_by']),
    })
    await afterWrite(ctx, node, rel)
    return {
      message: `OK created table (${w.rows} rows)`,
      rowsAffected: w.rows,
      compiledCode: c.sql,
      relationName: c.relation,
    }
  }
  if (mat === 'incremental') return incremental(ctx, node, rel)
  throw new Error(
    `unknown materialization '${String(mat)}' (use view, table, ephemeral or incremental; snapshots live in snapshots/)`,
  )
}

async function incremental(
  ctx: MaterializeContext,
  node: ProjectNode,
  rel: RelationName,
): Promise<MaterializeOutcome> {
  const { warehouse } = ctx
  const existing = await warehouse.describe(rel)
  const fullRefresh = ctx.fullRefresh && node.config['full_refresh'] !== false
  if (node.config['incremental_strategy'] === 'microbatch') {
    const exists = existing !== undefined && existing.kind === 'table' && !fullRefresh
    const outcome = await runMicrobatch(ctx, node, rel, exists, new Date(ctx.now ?? Date.now()))
    await afterWrite(ctx, node, rel)
    return outcome
  }
  if (existing === undefined || existing.kind === 'view' || fullRefresh) {
    const c = compileOrThrow(ctx.project, node, false, ctx.empty, ctx.relations)
    const w = await warehouse.write(rel, c.sql, {
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
  const c = compileOrThrow(ctx.project, node, true, ctx.empty, ctx.relations)
  const keys = listOf(node.config['unique_key'])
  const strategy = String(
    node.config['incremental_strategy'] ?? (keys.length > 0 ? 'merge' : 'append'),
  )
  if ((strategy === 'merge' || strategy === 'delete+insert') && keys.length === 0) {
    throw new Error(`incremental_strategy '${strategy}' needs a unique_key (one column or a list)`)
  }
  if (!['append', 'merge', 'delete+insert'].includes(strategy)) {
    throw new Error(
      `incremental_strategy '${strategy}' is not supported: use append, merge, delete+insert or microbatch (insert_overwrite is rejected on SQL warehouses too; replace it with merge)`,
    )
  }
  const staged = await warehouse.stage(c.sql)
  try {
    const probe = await warehouse.query(`select * from (${staged.sql}) as probe limit 0`)
    const plan = planSchemaChange(
      String(node.config['on_schema_change'] ?? 'ignore'),
      staged.sql,
      existing.columns,
      probe.columns,
    )
    if (plan.drop.length === 0 && plan.added.length === 0) {
      // No new rows: no delete, no insert, no empty commit (the table keeps its version).
      const n = await warehouse.query(`select count(*) as n from (${staged.sql}) as batch`)
      if (Number(n.rows[0]?.['n'] ?? 0) === 0) {
        return {
          message: 'OK no new rows (nothing written)',
          rowsAffected: 0,
          compiledCode: c.sql,
          relationName: c.relation,
        }
      }
    }
    if (plan.drop.length > 0) {
      const keep = existing.columns
        .filter((col) => !plan.drop.includes(col.name))
        .map((col) => quote(col.name))
      await warehouse.write(rel, `select ${keep.join(', ')} from ${relationSql(rel)}`, {
        mode: 'overwrite',
      })
    }
    let message: string
    let rows: number
    if (strategy === 'append') {
      const w = await warehouse.write(rel, plan.sql, {
        mode: 'append',
        mergeSchema: plan.mergeSchema,
      })
      rows = w.rows
      message = `OK appended ${w.rows} rows`
    } else {
      await checkKeys(warehouse, plan.sql, keys, node.name)
      if (strategy === 'merge') {
        const sql = mergeSource(node, plan.sql, rel, keys, [
          ...existing.columns.map((x) => x.name),
          ...plan.added,
        ])
        const m = await warehouse.merge(rel, sql, keys, { mergeSchema: plan.mergeSchema })
        rows = m.inserted + m.updated
        message = `OK merged: ${m.inserted} inserted, ${m.updated} updated`
      } else {
        const keyJson = (alias?: string) =>
          `to_json(struct_pack(${keys.map((k) => `${quote(k)} := ${alias === undefined ? '' : `${alias}.`}${quote(k)}`).join(', ')}))`
        const deleted = await warehouse.deleteWhere(
          rel,
          `${keyJson()} in (select ${keyJson('s')} from (${plan.sql}) s)`,
        )
        const w = await warehouse.write(rel, plan.sql, {
          mode: 'append',
          mergeSchema: plan.mergeSchema,
        })
        rows = w.rows
        message = `OK delete+insert: ${deleted} deleted, ${w.rows} inserted`
      }
    }
    if (plan.added.length > 0)
      message += `; added column(s) ${plan.added.join(', ')} (old rows are NULL there; --full-refresh backfills)`
    if (plan.drop.length > 0) message += `; dropped column(s) ${plan.drop.join(', ')}`
    await afterWrite(ctx, node, rel)
    return { message, rowsAffected: rows, compiledCode: c.sql, relationName: c.relation }
  } finally {
    await staged.release()
  }
}

/** NULL keys and duplicate keys in the new rows fail the model (dbt silently duplicates). */
async function checkKeys(
  warehouse: Warehouse,
  sql: string,
  keys: readonly string[],
  model: string,
): Promise<void> {
  const k = keys.map(quote)
  const r = await warehouse.query(
    `select
       (select count(*) from (${sql}) s where ${k.map((c) => `${c} is null`).join(' or ')}) as null_keys,
       (select count(*) from (select ${k.join(', ')} from (${sql}) s group by all having count(*) > 1) d) as dup_keys`,
  )
  const nulls = Number(r.rows[0]?.['null_keys'] ?? 0)
  const dups = Number(r.rows[0]?.['dup_keys'] ?? 0)
  if (nulls > 0) {
    throw new Error(
      `${nulls} new row(s) of ${model} have a NULL in the unique_key (${keys.join(', ')}); a merge cannot match them. Filter them out or COALESCE the key.`,
    )
  }
  if (dups > 0) {
    throw new Error(
      `${dups} unique_key value(s) of ${model} (${keys.join(', ')}) occur more than once in the new rows; deduplicate them (e.g. qualify row_number() over (partition by …) = 1).`,
    )
  }
}

/** `merge_update_columns` / `merge_exclude_columns`: matched rows keep the other columns' values. */
function mergeSource(
  node: ProjectNode,
  sql: string,
  rel: RelationName,
  keys: readonly string[],
  columns: readonly string[],
): string {
  const update = listOf(node.config['merge_update_columns'])
  const exclude = listOf(node.config['merge_exclude_columns'])
  if (update.length === 0 && exclude.length === 0) return sql
  const updates = (c: string) =>
    keys.includes(c) || (update.length > 0 ? update.includes(c) : !exclude.includes(c))
  const on = keys.map((k) => `s.${quote(k)} is not distinct from t.${quote(k)}`).join(' and ')
  const cols = columns.map((c) =>
    updates(c)
      ? `s.${quote(c)}`
      : `case when t.${quote(keys[0]!)} is not null or (${on}) then t.${quote(c)} else s.${quote(c)} end as ${quote(c)}`,
  )
  return `select ${cols.join(', ')} from (${sql}) s left join ${relationSql(rel)} t on ${on}`
}

async function afterWrite(
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

function relationSql(rel: RelationName): string {
  return [rel.database, rel.schema, rel.identifier].map(quote).join('.')
}

/** A string or list config as a list of strings. */
export function listOf(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return []
  return Array.isArray(v) ? v.map(String) : [String(v)]
}
