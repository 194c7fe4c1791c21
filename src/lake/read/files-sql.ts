/**
 * @module lake/read/files-sql
 * The DuckDB `SELECT` over an explicit list of Delta data files (PROTOCOL-NOTES §0.5), shared by
 * table scans and change-data-feed reads:
 *
 * ```sql
 * SELECT <logical columns> FROM read_parquet([<explicit files>], union_by_name=true,
 *          filename='__delta_file', file_row_number=true) d
 *   JOIN (VALUES ('<file>', '<add.path>', <typed partition values>, <constants>), …) p
 *     ON p.__delta_file = d.__delta_file
 *   ANTI JOIN (<rows deleted by deletion vectors>) dv ON …     -- or SEMI JOIN for "only these rows"
 * ```
 *
 * Files that all carry one `pitwall.columns` tag (`protocol/columns-tag.ts`: written by pitwall
 * with the same columns and types) are read without `union_by_name`, so binding opens only the
 * first footer; `DESCRIBE` then reads that file alone, and a missing local file is named from the
 * log before DuckDB opens it.
 *
 * Partition values come from the log as typed constants (never from directory names, never
 * `hive_partitioning`); column mapping `id` mode reads by Parquet field id
 * (`read_parquet(…, schema=MAP{id: {name, type, default_value}})`). Columns missing from every
 * file (added later, or `void`) are typed NULLs.
 */
import { existsSync } from 'node:fs'
import {
  duckDbType,
  fieldId,
  physicalName,
  type ColumnMappingMode,
  type StructField,
  type StructType,
} from '../protocol/schema.js'
import { DeltaError } from '../lake-errors.js'
import { readParquetSql, sqlIdent, sqlString, type SqlExecutor } from '../sql-executor.js'
import { columnExpr } from './column-exprs.js'
import { partitionValueSql, rawPartitionValue } from './partition-values.js'

/** The table facts needed to read its files. */
export interface TableShape {
  readonly schema: StructType
  readonly partitionColumns: readonly string[]
  readonly columnMapping: ColumnMappingMode
}

/** One file to read, with an optional row selection (positions from `file_row_number`). */
export interface FileRead {
  /** Path DuckDB opens. Unique within one call. */
  readonly location: string
  /** `add.path` as in the log (returned as `__delta_file` with `withFileInfo`). */
  readonly path: string
  readonly partitionValues: Readonly<Record<string, string | null>>
  /** `except`: drop these rows (a deletion vector); `only`: keep just these rows. */
  readonly rows?: { readonly mode: 'except' | 'only'; readonly indexes: readonly number[] }
  /** Constant columns for this file's rows (name → SQL expression); same names in every file. */
  readonly constants?: Readonly<Record<string, string>>
  /** `add.tags["pitwall.columns"]`: files with one tag hold the same columns and types. */
  readonly columnsTag?: string
}

/** Options of {@link filesSql}. */
export interface FilesSqlOptions {
  /** Logical columns to return, in order. */
  readonly fields: readonly StructField[]
  /** When given, `DESCRIBE` finds the columns present in the files (absent ones become NULL). */
  readonly sql?: SqlExecutor
  /** Adds `__delta_file` (log path) and `__delta_row` (row index in the file). */
  readonly withFileInfo?: boolean
  /** Extra columns taken from the files as they are (e.g. `_change_type` of CDC files). */
  readonly passThrough?: readonly string[]
}

/** The SELECT reading `files` of a table as logical rows. */
export async function filesSql(
  table: TableShape,
  files: readonly FileRead[],
  options: FilesSqlOptions,
): Promise<string> {
  const mode = table.columnMapping
  const isPartition = (f: StructField) =>
    table.partitionColumns.some((p) => p.toLowerCase() === f.name.toLowerCase())
  const constantNames = Object.keys(files[0]?.constants ?? {})
  if (files.length === 0) {
    const cols = options.fields.map(
      (f) => `CAST(NULL AS ${duckDbType(f.type)}) AS ${sqlIdent(f.name)}`,
    )
    for (const c of options.passThrough ?? []) cols.push(`NULL::VARCHAR AS ${sqlIdent(c)}`)
    if (options.withFileInfo === true)
      cols.push('NULL::VARCHAR AS "__delta_file"', 'NULL::BIGINT AS "__delta_row"')
    return `SELECT ${cols.join(', ') || '1 AS "__empty"'} WHERE FALSE`
  }
  const seen = new Set<string>()
  for (const f of files) {
    if (seen.has(f.location))
      throw new DeltaError('duplicate-file', `file listed twice in one read: ${f.location}`)
    seen.add(f.location)
  }
  const fileList = files.map((f) => sqlString(f.location)).join(', ')
  const dataFields = table.schema.fields.filter((f) => !isPartition(f))
  let source: string
  let physical: Map<string, string> | undefined
  // Id mode reads by field id; pass-through columns (CDC `_change_type`) have no id, and Spark
  // writes physical names in id mode too, so those reads go by physical name.
  if (mode === 'id' && (options.passThrough ?? []).length === 0) {
    const entries = dataFields.flatMap((f) => {
      const id = fieldId(f)
      return id === undefined
        ? []
        : [
            `${id}: {name: ${sqlString(physicalName(f, mode))}, type: ${sqlString(duckDbType(f.type, mode))}, default_value: NULL}`,
          ]
    })
    source = readParquetSql(`[${fileList}]`, [
      `schema=MAP{${entries.join(', ')}}`,
      "filename='__delta_file'",
      'file_row_number=true',
    ])
    physical = new Map(dataFields.map((f) => [physicalName(f, mode), duckDbType(f.type, mode)]))
  } else {
    // Files of one schema (one `pitwall.columns` tag) bind from the first file alone; any other
    // set by name, every footer read (PROTOCOL-NOTES §0.5).
    const oneSchema =
      options.sql !== undefined && (options.passThrough ?? []).length === 0 && sameTag(files)
    source = readParquetSql(`[${fileList}]`, [
      ...(oneSchema ? [] : ['union_by_name=true']),
      "filename='__delta_file'",
      'file_row_number=true',
    ])
    if (oneSchema) for (const f of files) if (isMissing(f)) throw missingFile(f)
    physical =
      options.sql === undefined
        ? undefined
        : await describe(options.sql, oneSchema ? files.slice(0, 1) : files)
  }
  const cols: string[] = []
  for (const f of options.fields) {
    if (isPartition(f)) {
      cols.push(`p.${sqlIdent(`__p_${f.name}`)} AS ${sqlIdent(f.name)}`)
      continue
    }
    const phys = physicalName(f, mode)
    const present = physical === undefined || physical.has(phys)
    cols.push(
      present
        ? `${columnExpr(`d.${sqlIdent(phys)}`, f.type, mode, physical?.get(phys))} AS ${sqlIdent(f.name)}`
        : `CAST(NULL AS ${duckDbType(f.type)}) AS ${sqlIdent(f.name)}`,
    )
  }
  for (const c of options.passThrough ?? []) cols.push(`d.${sqlIdent(c)} AS ${sqlIdent(c)}`)
  for (const c of constantNames) cols.push(`p.${sqlIdent(`__c_${c}`)} AS ${sqlIdent(c)}`)
  if (options.withFileInfo === true) {
    cols.push('p."__delta_path" AS "__delta_file"', 'd.file_row_number AS "__delta_row"')
  }
  let sql = `SELECT ${cols.join(', ') || '1 AS "__empty"'} FROM ${source} AS d`
  const pfields = table.schema.fields.filter(isPartition)
  if (pfields.length > 0 || constantNames.length > 0 || options.withFileInfo === true) {
    const rows = files.map((file) => {
      const vals = pfields.map((f) => partitionValueSql(rawPartitionValue(file, f, mode), f.type))
      const consts = constantNames.map((c) => file.constants?.[c] ?? 'NULL')
      return `(${[sqlString(file.location), sqlString(file.path), ...vals, ...consts].join(', ')})`
    })
    const names = [
      '"__delta_file"',
      '"__delta_path"',
      ...pfields.map((f) => sqlIdent(`__p_${f.name}`)),
      ...constantNames.map((c) => sqlIdent(`__c_${c}`)),
    ]
    sql += ` JOIN (VALUES ${rows.join(', ')}) AS p(${names.join(', ')}) ON p."__delta_file" = d."__delta_file"`
  }
  sql += rowSelection(files)
  return sql
}

function rowSelection(files: readonly FileRead[]): string {
  const only = files.filter((f) => f.rows?.mode === 'only')
  const except = files.filter((f) => f.rows?.mode === 'except' && f.rows.indexes.length > 0)
  if (only.length > 0 && only.length !== files.length) {
    throw new DeltaError(
      'mixed-row-selection',
      "files with 'only' row selections must be read on their own",
    )
  }
  const list = (fs: readonly FileRead[]) =>
    fs
      .map((f) => `(${sqlString(f.location)}, [${(f.rows?.indexes ?? []).join(',')}]::BIGINT[])`)
      .join(', ')
  const table = (fs: readonly FileRead[]) =>
    `(SELECT f AS "__delta_file", unnest(r) AS "__row" FROM (VALUES ${list(fs)}) AS v(f, r))`
  const on = 'ON dv."__delta_file" = d."__delta_file" AND dv."__row" = d.file_row_number'
  if (only.length > 0) return ` SEMI JOIN ${table(only)} AS dv ${on}`
  if (except.length > 0) return ` ANTI JOIN ${table(except)} AS dv ${on}`
  return ''
}

/** True when every file carries the same `pitwall.columns` tag (`protocol/columns-tag.ts`). */
function sameTag(files: readonly FileRead[]): boolean {
  const tag = files[0]?.columnsTag
  return tag !== undefined && files.every((f) => f.columnsTag === tag)
}

/** A local file (no URL scheme) that is not on disk. */
function isMissing(file: FileRead): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(file.location) && !existsSync(file.location)
}

function missingFile(file: FileRead, cause?: unknown): DeltaError {
  return new DeltaError('missing-data-file', `data file ${file.path} is missing from the table`, {
    ...(cause === undefined ? {} : { cause }),
    context: { file: file.location },
    hint: 'it was probably removed by VACUUM; read a newer version',
  })
}

/** The columns of `files` and their DuckDB types (the union by name when several). */
async function describe(
  sql: SqlExecutor,
  files: readonly FileRead[],
): Promise<Map<string, string>> {
  const list = `[${files.map((f) => sqlString(f.location)).join(', ')}]`
  let rows
  try {
    rows = await sql.all(
      `DESCRIBE SELECT * FROM ${readParquetSql(list, files.length > 1 ? ['union_by_name=true'] : [])}`,
    )
  } catch (cause) {
    const message = String((cause as Error).message)
    const missing = files.find((f) => message.includes(f.location))
    if (missing !== undefined && /No files found|No such file|Cannot open/i.test(message))
      throw missingFile(missing, cause)
    throw cause
  }
  return new Map(rows.map((r) => [String(r['column_name']), String(r['column_type'])]))
}
