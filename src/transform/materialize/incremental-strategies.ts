/**
 * @module transform/materialize/incremental-strategies
 * How an incremental batch (the staged new rows) reaches the table: `append` (a Delta append),
 * `merge` (one Delta MERGE on `unique_key`, null-safe; `merge_update_columns` /
 * `merge_exclude_columns` keep other columns of matched rows) and `delete+insert` (the rows whose
 * key is in the batch are replaced). NULL or duplicated keys in the batch fail the model instead
 * of duplicating rows.
 *
 * `delete+insert` on the table's partition columns (e.g. `unique_key: session_key` on a table
 * `partition_by: session_key`) is one dynamic partition overwrite: the batch's partitions are
 * replaced in a single commit that touches no other file — how a per-session mart updates one
 * session whatever the season size. `incremental_predicates` narrow what a `delete+insert` may
 * delete (dbt's semantics: SQL over the target's columns, `DBT_INTERNAL_DEST.` allowed).
 */
import { sqlIdent, sqlQualified } from '../../core/index.js'
import { listOf } from '../project/config-checks.js'
import type { ProjectNode } from '../project/types.js'
import type { MaterializeContext } from './materialize-context.js'
import type { RelationName, Warehouse } from './warehouse.js'

/** An incremental strategy the engine runs (microbatch runs elsewhere). */
export type BatchStrategy = 'append' | 'merge' | 'delete+insert'

/** The staged batch and what the table looks like. */
export interface Batch {
  /** The new rows, projected onto the columns to write. */
  readonly sql: string
  /** Add the batch's new columns to the table. */
  readonly mergeSchema: boolean
  /** The table's columns after the write (existing + added). */
  readonly columns: readonly string[]
  /** The table's partition columns. */
  readonly partitionBy: readonly string[]
}

/** The model's strategy: its `incremental_strategy`, else merge with a `unique_key`, else append. */
export function strategyOf(config: Readonly<Record<string, unknown>>): BatchStrategy {
  const keys = listOf(config['unique_key'])
  return (config['incremental_strategy'] ?? (keys.length > 0 ? 'merge' : 'append')) as BatchStrategy
}

/** Writes `batch` with `strategy`; returns the rows written and the result message. */
export async function applyStrategy(
  ctx: MaterializeContext,
  node: ProjectNode,
  rel: RelationName,
  strategy: BatchStrategy,
  batch: Batch,
): Promise<{ rows: number; message: string }> {
  const { warehouse } = ctx
  if (strategy === 'append') {
    const w = await warehouse.write(rel, batch.sql, {
      mode: 'append',
      mergeSchema: batch.mergeSchema,
    })
    return { rows: w.rows, message: `OK appended ${w.rows} rows` }
  }
  const keys = listOf(node.config['unique_key'])
  // A merge matches one row per key; delete+insert replaces every row of a key (dbt's semantics:
  // `unique_key: session_key` replaces whole sessions), so only a merge needs unique keys.
  await checkKeys(warehouse, batch.sql, keys, node.name, strategy === 'merge')
  if (strategy === 'merge') {
    const sql = mergeSource(node, batch.sql, rel, keys, batch.columns)
    const m = await warehouse.merge(rel, sql, keys, { mergeSchema: batch.mergeSchema })
    return {
      rows: m.inserted + m.updated,
      message: `OK merged: ${m.inserted} inserted, ${m.updated} updated`,
    }
  }
  const predicates = listOf(node.config['incremental_predicates']).map(targetPredicate)
  if (predicates.length === 0 && samePartitioning(keys, batch.partitionBy)) {
    return writePartitions(warehouse, rel, batch)
  }
  const keyJson = (alias?: string) =>
    `to_json(struct_pack(${keys.map((k) => `${sqlIdent(k)} := ${alias === undefined ? '' : `${alias}.`}${sqlIdent(k)}`).join(', ')}))`
  const inBatch = `${keyJson()} in (select ${keyJson('s')} from (${batch.sql}) s)`
  const deleted = await warehouse.deleteWhere(
    rel,
    [inBatch, ...predicates.map((p) => `(${p})`)].join(' and '),
  )
  const w = await warehouse.write(rel, batch.sql, {
    mode: 'append',
    mergeSchema: batch.mergeSchema,
  })
  return { rows: w.rows, message: `OK delete+insert: ${deleted} deleted, ${w.rows} inserted` }
}

/**
 * True when a batch replaces whole partitions: `delete+insert` whose `unique_key` is the table's
 * partitioning, without `incremental_predicates` (one dynamic partition overwrite).
 */
export function replacesPartitions(
  config: Readonly<Record<string, unknown>>,
  partitionBy: readonly string[],
): boolean {
  return (
    strategyOf(config) === 'delete+insert' &&
    listOf(config['incremental_predicates']).length === 0 &&
    samePartitioning(listOf(config['unique_key']), partitionBy)
  )
}

/**
 * Replaces the batch's partitions with the model's query as it is, not staged (issue 16): the
 * query runs once, straight into the new files, and reads the table's version before the commit.
 * A NULL partition key fails the query at the first one (DuckDB's `error()`), so nothing is
 * committed; the failure is then explained as the staged path does, with the count.
 */
export async function replacePartitionsInOnePass(
  warehouse: Warehouse,
  node: ProjectNode,
  rel: RelationName,
  batch: Batch,
): Promise<{ rows: number; message: string }> {
  const checks = batch.partitionBy.map((k) => {
    const c = sqlIdent(k)
    return `case when ${c} is null then error('a NULL partition key') else ${c} end as ${c}`
  })
  const guarded = `select * replace (${checks.join(', ')}) from (${batch.sql}) as new_rows`
  try {
    return await writePartitions(warehouse, rel, { ...batch, sql: guarded })
  } catch (error) {
    await checkKeys(warehouse, batch.sql, batch.partitionBy, node.name, false)
    throw error
  }
}

/** One dynamic partition overwrite: the partitions the batch's rows fall in are replaced. */
async function writePartitions(
  warehouse: Warehouse,
  rel: RelationName,
  batch: Batch,
): Promise<{ rows: number; message: string }> {
  const w = await warehouse.write(rel, batch.sql, {
    mode: 'overwrite',
    partitionOverwrite: true,
    mergeSchema: batch.mergeSchema,
  })
  return {
    rows: w.rows,
    message: `OK delete+insert: replaced the partitions of ${batch.partitionBy.join(', ')} in the batch, ${w.rows} inserted`,
  }
}

/** dbt's predicates may name the target `DBT_INTERNAL_DEST`; the delete runs on the table itself. */
function targetPredicate(predicate: string): string {
  return predicate.replace(/\bDBT_INTERNAL_DEST\./gi, '')
}

function samePartitioning(keys: readonly string[], partitionBy: readonly string[]): boolean {
  const norm = (xs: readonly string[]) =>
    xs
      .map((x) => x.toLowerCase())
      .sort()
      .join('\u0000')
  return keys.length > 0 && norm(keys) === norm(partitionBy)
}

/**
 * NULL keys (never matched, so duplicated on the next run) and, for a merge, duplicate keys in
 * the new rows fail the model (dbt silently duplicates).
 */
async function checkKeys(
  warehouse: Warehouse,
  sql: string,
  keys: readonly string[],
  model: string,
  unique: boolean,
): Promise<void> {
  const k = keys.map(sqlIdent)
  const dupSql = unique
    ? `(select count(*) from (select ${k.join(', ')} from (${sql}) s group by all having count(*) > 1) d)`
    : '0'
  const r = await warehouse.query(
    `select
       (select count(*) from (${sql}) s where ${k.map((c) => `${c} is null`).join(' or ')}) as null_keys,
       ${dupSql} as dup_keys`,
  )
  const nulls = Number(r.rows[0]?.['null_keys'] ?? 0)
  const dups = Number(r.rows[0]?.['dup_keys'] ?? 0)
  if (nulls > 0) {
    throw new Error(
      `${nulls} new row(s) of ${model} have a NULL in the unique_key (${keys.join(', ')}); they could never be matched or replaced. Filter them out or COALESCE the key.`,
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
  const q = sqlIdent
  const updates = (c: string) =>
    keys.includes(c) || (update.length > 0 ? update.includes(c) : !exclude.includes(c))
  const on = keys.map((k) => `s.${q(k)} is not distinct from t.${q(k)}`).join(' and ')
  const cols = columns.map((c) =>
    updates(c)
      ? `s.${q(c)}`
      : `case when t.${q(keys[0]!)} is not null or (${on}) then t.${q(c)} else s.${q(c)} end as ${q(c)}`,
  )
  const target = sqlQualified([rel.database, rel.schema, rel.identifier])
  return `select ${cols.join(', ')} from (${sql}) s left join ${target} t on ${on}`
}
