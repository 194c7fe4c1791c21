/**
 * @module transform/materialize/schema-change
 * `on_schema_change` for incremental models: compares the new query's columns with the table's
 * and decides what to write: `ignore` keeps the table's columns, `fail` stops the model,
 * `append_new_columns` adds the new ones, `sync_all_columns` also drops the removed ones. None of
 * them backfills a new column's old rows (run with --full-refresh for that), as in dbt.
 */
import { sqlIdent } from '../../core/index.js'
import type { WarehouseColumn } from './warehouse.js'

/** What to do to the table and how to shape the new rows. */
export interface SchemaPlan {
  /** The new rows, projected onto the columns to write. */
  readonly sql: string
  /** Add columns the table lacks (append_new_columns, sync_all_columns). */
  readonly mergeSchema: boolean
  /** Columns to drop from the table first (sync_all_columns). */
  readonly drop: readonly string[]
  readonly added: readonly string[]
  readonly removed: readonly string[]
}

/** Plans the write; throws an Error for `fail` when the columns differ. */
export function planSchemaChange(
  mode: string,
  sql: string,
  target: readonly WarehouseColumn[],
  source: readonly WarehouseColumn[],
): SchemaPlan {
  const has = (cols: readonly WarehouseColumn[], name: string) =>
    cols.some((c) => c.name.toLowerCase() === name.toLowerCase())
  const added = source.filter((c) => !has(target, c.name)).map((c) => c.name)
  const removed = target.filter((c) => !has(source, c.name)).map((c) => c.name)
  const typeOf = (name: string) =>
    target.find((c) => c.name.toLowerCase() === name.toLowerCase())?.type ?? 'varchar'
  // A column the new rows lack is NULL of the table's type (an untyped NULL is INTEGER).
  const project = (cols: readonly string[]) =>
    `select ${cols.map((c) => (has(source, c) ? sqlIdent(c) : `cast(null as ${typeOf(c)}) as ${sqlIdent(c)}`)).join(', ')} from (${sql}) as new_rows`
  const targetNames = target.map((c) => c.name)
  switch (mode) {
    case 'fail':
      if (added.length > 0 || removed.length > 0) {
        throw new Error(
          `the columns of the new rows no longer match the table (on_schema_change: fail): added ${list(added)}, removed ${list(removed)}. Set on_schema_change to append_new_columns or sync_all_columns, or run with --full-refresh.`,
        )
      }
      return { sql: project(targetNames), mergeSchema: false, drop: [], added, removed }
    case 'append_new_columns':
      return {
        sql: project([...targetNames, ...added]),
        mergeSchema: added.length > 0,
        drop: [],
        added,
        removed,
      }
    case 'sync_all_columns': {
      const kept = targetNames.filter((c) => !removed.includes(c))
      return {
        sql: project([...kept, ...added]),
        mergeSchema: added.length > 0,
        drop: removed,
        added,
        removed,
      }
    }
    default:
      return { sql: project(targetNames), mergeSchema: false, drop: [], added, removed }
  }
}

function list(cols: readonly string[]): string {
  return cols.length === 0 ? 'none' : cols.join(', ')
}
