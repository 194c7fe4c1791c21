/**
 * @module lake/write/file-scan
 * The rows of a chosen set of live files, as the writer needs them for copy-on-write (DELETE,
 * MERGE, replaceWhere, OPTIMIZE, RESTORE checks): one `read_parquet` over the files
 * (`union_by_name`, so files written before a schema evolution give NULL for new columns), the
 * partition values joined back from the log, rows deleted by a deletion vector filtered out (a
 * rewrite never resurrects them), and the file's `add.path` as `__pw_file`.
 */
import type { AddAction } from '../protocol/actions.js'
import { decodeAddPath } from './partition-path.js'
import { duckDbType, type StructType } from '../protocol/schema.js'
import { partitionValueSql } from '../read/partition-values.js'
import { loadDeletionVector } from '../read/deletion-vectors.js'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { readParquetSql, sqlIdent, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'

/** The column holding each row's file, as {@link scanFileId} names it. */
export const FILE_COLUMN = '__pw_file'

/** How {@link FILE_COLUMN} names a file: its local path (what `read_parquet(filename=true)` gives). */
export function scanFileId(store: ObjectStore, add: AddAction): string {
  return store.localPath === undefined ? add.path : store.localPath(decodeAddPath(add.path))
}

/** What to scan. */
export interface FileScanOptions {
  readonly executor: SqlExecutor
  readonly store: ObjectStore
  readonly schema: StructType
  readonly partitionColumns: readonly string[]
  readonly files: readonly AddAction[]
  /** Add {@link FILE_COLUMN} (default true). Rewrites that do not need it read faster. */
  readonly withFile?: boolean
}

/**
 * A SQL query over `files` giving every schema column (table types) plus {@link FILE_COLUMN}.
 * Inspects the files' footers once (column names) and loads their deletion vectors.
 */
export async function fileScanSql(options: FileScanOptions): Promise<string> {
  const { schema, partitionColumns, files, store } = options
  const typed = (name: string): string => {
    const f = schema.fields.find((x) => x.name === name)
    return f === undefined ? 'VARCHAR' : duckDbType(f.type)
  }
  if (files.length === 0) {
    const cols = schema.fields.map((f) => `CAST(NULL AS ${typed(f.name)}) AS ${sqlIdent(f.name)}`)
    return `SELECT ${[...cols, `CAST(NULL AS VARCHAR) AS ${FILE_COLUMN}`].join(', ')} WHERE false`
  }
  if (store.localPath === undefined) {
    throw new UnsupportedFeatureError(
      `copy-on-write needs a store on local disk (got ${store.root})`,
    )
  }
  await store.prefetch?.(files.map((f) => decodeAddPath(f.path)))
  const local = (add: AddAction): string => scanFileId(store, add)
  const list = `[${files.map((f) => sqlString(local(f))).join(', ')}]`
  const present = new Set(
    (
      await options.executor.all(
        `DESCRIBE SELECT * FROM ${readParquetSql(list, ['union_by_name=true'])}`,
      )
    ).map((r) => String(r['column_name'])),
  )
  const pvRows = files.map((f) => {
    const values = partitionColumns.map((c) => {
      const raw = f.partitionValues[c]
      const field = schema.fields.find((x) => x.name === c)
      return field === undefined
        ? 'NULL'
        : partitionValueSql(raw === undefined || raw === '' ? null : raw, field.type)
    })
    return `(${[sqlString(local(f)), ...values].join(', ')})`
  })
  const pvCols = ['__pw_local', ...partitionColumns.map((_, i) => `__pw_p${i}`)]
  const select = schema.fields.map((f) => {
    const pi = partitionColumns.indexOf(f.name)
    if (pi >= 0) return `pv.__pw_p${pi} AS ${sqlIdent(f.name)}`
    return present.has(f.name)
      ? `CAST(d.${sqlIdent(f.name)} AS ${typed(f.name)}) AS ${sqlIdent(f.name)}`
      : `CAST(NULL AS ${typed(f.name)}) AS ${sqlIdent(f.name)}`
  })
  const deleted: string[] = []
  for (const f of files) {
    if (f.deletionVector === null || f.deletionVector === undefined) continue
    const rows = await loadDeletionVector(store, f.deletionVector)
    for (const r of rows) deleted.push(`(${sqlString(local(f))}, ${r})`)
  }
  const dvJoin =
    deleted.length === 0
      ? ''
      : ` LEFT JOIN (VALUES ${deleted.join(', ')}) AS dv(__pw_dvf, __pw_dvr) ` +
        `ON d.filename = dv.__pw_dvf AND d.file_row_number = dv.__pw_dvr`
  const dvWhere = deleted.length === 0 ? '' : ' WHERE dv.__pw_dvf IS NULL'
  if (partitionColumns.length === 0 && deleted.length === 0) {
    // Nothing to join back per file: a plain read (no string join on the file name per row).
    const withFile = options.withFile !== false
    const cols = withFile ? [...select, `d.filename AS ${FILE_COLUMN}`] : select
    const opts = withFile ? ['union_by_name=true', 'filename=true'] : ['union_by_name=true']
    return `SELECT ${cols.join(', ')} FROM ${readParquetSql(list, opts)} AS d`
  }
  return (
    `SELECT ${[...select, `pv.__pw_local AS ${FILE_COLUMN}`].join(', ')} ` +
    `FROM ${readParquetSql(list, ['union_by_name=true', 'filename=true', 'file_row_number=true'])} AS d ` +
    `JOIN (VALUES ${pvRows.join(', ')}) AS pv(${pvCols.join(', ')}) ON d.filename = pv.__pw_local` +
    dvJoin +
    dvWhere
  )
}
