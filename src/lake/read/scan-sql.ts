/**
 * @module lake/read/scan-sql
 * The DuckDB `SELECT` of a snapshot scan (PROTOCOL-NOTES §0.5):
 *
 * ```sql
 * SELECT <logical columns> FROM read_parquet([<explicit files>], union_by_name=true,
 *          filename='__delta_file', file_row_number=true) d
 *   JOIN (VALUES ('<file>', <typed partition values>…), …) p ON p.__delta_file = d.__delta_file
 *   ANTI JOIN (<deleted rows of files with deletion vectors>) dv ON …
 * WHERE <filter>
 * ```
 *
 * Partition values come from the log as typed constants (never from directory names, never
 * `hive_partitioning`); column mapping `id` mode reads by Parquet field id
 * (`read_parquet(…, schema=MAP{id: {name, type, default_value}})`). Columns missing from every
 * file (added later, or `void`) are typed NULLs.
 */
import {
  duckDbType,
  fieldId,
  findField,
  physicalName,
  type StructField,
} from '../protocol/schema.js'
import { DeltaError } from '../lake-errors.js'
import { sqlIdent, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { Snapshot } from '../snapshot.js'
import { columnExpr } from './column-exprs.js'
import { loadDeletionVector } from './deletion-vectors.js'
import { partitionValueSql, rawPartitionValue } from './partition-values.js'
import { filterContext, planScan, type ScanPlan } from './scan-plan.js'
import { filterSql, type ScanFilter } from './scan-filter.js'

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
  const mode = snapshot.columnMapping
  const isPartition = (f: StructField) =>
    snapshot.partitionColumns.some((p) => p.toLowerCase() === f.name.toLowerCase())
  if (plan.files.length === 0) {
    const cols = fields.map((f) => `CAST(NULL AS ${duckDbType(f.type)}) AS ${sqlIdent(f.name)}`)
    if (options.withFileInfo === true)
      cols.push('NULL::VARCHAR AS "__delta_file"', 'NULL::BIGINT AS "__delta_row"')
    return `SELECT ${cols.join(', ') || '1 AS "__empty"'} WHERE FALSE`
  }
  const fileList = plan.files.map((f) => sqlString(f.location)).join(', ')
  const dataFields = snapshot.schema.fields.filter((f) => !isPartition(f))
  let source: string
  let physical: Map<string, string> | undefined
  if (mode === 'id') {
    const entries = dataFields
      .map((f) => {
        const id = fieldId(f)
        if (id === undefined) return undefined
        return `${id}: {name: ${sqlString(physicalName(f, mode))}, type: ${sqlString(duckDbType(f.type, mode))}, default_value: NULL}`
      })
      .filter((e): e is string => e !== undefined)
    source = `read_parquet([${fileList}], schema=MAP{${entries.join(', ')}}, filename='__delta_file', file_row_number=true)`
    physical = new Map(dataFields.map((f) => [physicalName(f, mode), duckDbType(f.type, mode)]))
  } else {
    source = `read_parquet([${fileList}], union_by_name=true, filename='__delta_file', file_row_number=true)`
    physical = options.sql === undefined ? undefined : await describe(options.sql, fileList)
  }
  const cols: string[] = []
  const hasPartitions = fields.some(isPartition)
  for (const f of fields) {
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
  if (options.withFileInfo === true)
    cols.push('p."__delta_path" AS "__delta_file"', 'd.file_row_number AS "__delta_row"')
  let sql = `SELECT ${cols.join(', ') || '1 AS "__empty"'} FROM ${source} AS d`
  if (hasPartitions || options.withFileInfo === true) {
    const pfields = snapshot.schema.fields.filter(isPartition)
    const rows = plan.files.map((file) => {
      const vals = pfields.map((f) =>
        partitionValueSql(rawPartitionValue(file.add, f, mode), f.type),
      )
      return `(${[sqlString(file.location), sqlString(file.add.path), ...vals].join(', ')})`
    })
    const names = [
      '"__delta_file"',
      '"__delta_path"',
      ...pfields.map((f) => sqlIdent(`__p_${f.name}`)),
    ]
    sql += ` JOIN (VALUES ${rows.join(', ')}) AS p(${names.join(', ')}) ON p."__delta_file" = d."__delta_file"`
  }
  const dvRows = await deletedRows(snapshot, plan)
  if (dvRows.length > 0) {
    sql += ` ANTI JOIN (SELECT f AS "__delta_file", unnest(r) AS "__row" FROM (VALUES ${dvRows.join(', ')}) AS v(f, r)) AS dv ON dv."__delta_file" = d."__delta_file" AND dv."__row" = d.file_row_number`
  }
  return sql
}

async function describe(sql: SqlExecutor, fileList: string): Promise<Map<string, string>> {
  const rows = await sql.all(
    `DESCRIBE SELECT * FROM read_parquet([${fileList}], union_by_name=true)`,
  )
  return new Map(rows.map((r) => [String(r['column_name']), String(r['column_type'])]))
}

async function deletedRows(snapshot: Snapshot, plan: ScanPlan): Promise<string[]> {
  const out: string[] = []
  for (const file of plan.files) {
    const dv = file.add.deletionVector
    if (dv === null || dv === undefined || dv.cardinality === 0) continue
    const rows = await loadDeletionVector(snapshot.store, dv)
    out.push(`(${sqlString(file.location)}, [${rows.join(',')}]::BIGINT[])`)
  }
  return out
}
