/**
 * @module lake/read/scan-sql
 * The DuckDB `SELECT` of a snapshot scan: the live files after pruning (see `scan-plan.ts`), their
 * deletion vectors as row exclusions, read by `files-sql.ts`, then the filter on logical columns.
 */
import { findField, type StructField } from '../protocol/schema.js'
import { DeltaError } from '../lake-errors.js'
import { sqlIdent, type SqlExecutor } from '../sql-executor.js'
import type { Snapshot } from '../snapshot.js'
import { filesSql, type FileRead } from './files-sql.js'
import { COLUMNS_TAG } from '../protocol/columns-tag.js'
import { loadDeletionVector } from './deletion-vectors.js'
import { filterContext, planScan, type ScanPlan } from './scan-plan.js'
import { filterSql, type ScanFilter } from './scan-filter.js'
import { prefetchFiles } from '../store/prefetch.js'

/** Options of a scan. */
export interface ScanOptions {
  /** Logical columns to return (default: all, in schema order). */
  readonly columns?: readonly string[]
  /** Rows to keep; also prunes files. */
  readonly filter?: ScanFilter
  /**
   * The engine, used to learn which columns the files hold (`DESCRIBE`), so that columns absent
   * from every file read as NULL. Without it every schema column is assumed present.
   */
  readonly sql?: SqlExecutor
  /** Adds `__delta_file` (the `add.path` as in the log) and `__delta_row` (row index in the file). */
  readonly withFileInfo?: boolean
  /** A precomputed plan (e.g. to report pruning). */
  readonly plan?: ScanPlan
}

/** Builds the scan SQL of a snapshot. */
export async function scanSql(snapshot: Snapshot, options: ScanOptions = {}): Promise<string> {
  const plan = options.plan ?? planScan(snapshot, options.filter)
  const wanted = resolveColumns(snapshot, options.columns)
  const ctx = filterContext(snapshot)
  const inner = new Map<string, StructField>(wanted.map((f) => [f.name, f]))
  for (const c of filterColumns(options.filter)) {
    const f = findField(snapshot.schema, c)
    if (f !== undefined) inner.set(f.name, f)
  }
  const body = await scanBody(snapshot, plan, [...inner.values()], options)
  const outerCols = wanted.map((f) => sqlIdent(f.name))
  if (options.withFileInfo === true) outerCols.push('"__delta_file"', '"__delta_row"')
  const where = options.filter === undefined ? '' : ` WHERE ${filterSql(options.filter, ctx)}`
  return `SELECT ${outerCols.join(', ') || '*'} FROM (${body}) AS scan${where}`
}

function resolveColumns(snapshot: Snapshot, columns: readonly string[] | undefined): StructField[] {
  if (columns === undefined) return [...snapshot.schema.fields]
  return columns.map((c) => {
    const f = findField(snapshot.schema, c)
    if (f === undefined) {
      throw new DeltaError(
        'unknown-column',
        `column '${c}' is not in table ${snapshot.store.root}`,
        {
          hint: `columns: ${snapshot.schema.fields.map((x) => x.name).join(', ')}`,
        },
      )
    }
    return f
  })
}

function filterColumns(filter: ScanFilter | undefined): string[] {
  if (filter === undefined) return []
  if (filter.op === 'and') return filter.filters.flatMap(filterColumns)
  return [filter.column]
}

async function scanBody(
  snapshot: Snapshot,
  plan: ScanPlan,
  fields: readonly StructField[],
  options: ScanOptions,
): Promise<string> {
  const files: FileRead[] = []
  await prefetchFiles(
    snapshot.store,
    plan.files.map((f) => f.add.path),
  )
  for (const file of plan.files) {
    const dv = file.add.deletionVector
    const deleted =
      dv === null || dv === undefined || dv.cardinality === 0
        ? undefined
        : await loadDeletionVector(snapshot.store, dv)
    const tag = file.add.tags?.[COLUMNS_TAG]
    files.push({
      location: file.location,
      path: file.add.path,
      partitionValues: file.add.partitionValues,
      ...(deleted === undefined ? {} : { rows: { mode: 'except' as const, indexes: deleted } }),
      ...(tag === undefined ? {} : { columnsTag: tag }),
    })
  }
  return filesSql(snapshot, files, {
    fields,
    ...(options.sql === undefined ? {} : { sql: options.sql }),
    ...(options.withFileInfo === undefined ? {} : { withFileInfo: options.withFileInfo }),
  })
}
