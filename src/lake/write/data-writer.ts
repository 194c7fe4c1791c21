/**
 * @module lake/write/data-writer
 * Writes the rows of a SQL query as Delta data files and builds their `add` actions (size,
 * modification time, Spark-format stats, the `pitwall.columns` tag of `protocol/columns-tag.ts`
 * and the exact timestamp maxima of `protocol/timestamp-max-tag.ts`).
 *
 * The common path is one DuckDB statement: `COPY (…) TO '<table>' (FORMAT parquet,
 * PARTITION_BY (…), RETURN_STATS)`, partition columns rendered as their log strings. The files
 * DuckDB reports back carry their partition values and stats, so no file is opened again;
 * files whose folder DuckDB escaped differently from Spark's Hive escaping
 * ({@link partitionDirectory}) are renamed into Spark's folder. Files that need a sort or a row
 * cap go through `partition-slices.ts` and have their stats read from the footers
 * (`parquet_metadata()`).
 *
 * Files get fresh UUID names and are written in place: a writer that dies before its commit
 * leaves only unreferenced files, which VACUUM removes. They are flushed to disk
 * (`ObjectStore.flush`) before their `add` actions are returned for a commit.
 */
import { randomUUID } from 'node:crypto'
import { mkdir, rename } from 'node:fs/promises'
import { dirname, sep } from 'node:path'
import type { AddAction } from '../protocol/actions.js'
import { COLUMNS_TAG, columnsTag } from '../protocol/columns-tag.js'
import { TIMESTAMP_MAX_TAG, timestampMaxTag } from '../protocol/timestamp-max-tag.js'
import { duckDbType } from '../protocol/schema.js'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { readParquetSql, sqlIdent, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'
import { copiedFile, type CopiedFile } from './copy-stats.js'
import type { DeltaSchema } from './delta-types.js'
import { exactTimestampMaxima, statsFromFooter, type FooterColumnChunk } from './file-stats.js'
import { encodeAddPath, partitionDirectory } from './partition-path.js'
import { writeSlices, type WrittenFile } from './partition-slices.js'
import { partitionValueSql } from './partition-values.js'

/** What to write. */
export interface WriteFilesOptions {
  readonly executor: SqlExecutor
  readonly store: ObjectStore
  /** A query producing exactly the columns of `schema` (partition columns included). */
  readonly sql: string
  /** The table schema (logical names, partition columns included). */
  readonly schema: DeltaSchema
  readonly partitionColumns: readonly string[]
  /** Table configuration (`delta.dataSkippingNumIndexedCols`, `delta.dataSkippingStatsColumns`). */
  readonly configuration?: Readonly<Record<string, string>>
  /** `add.dataChange` (false for OPTIMIZE). */
  readonly dataChange?: boolean
  /** Folder under the table root (`_change_data` for CDF files). */
  readonly baseDir?: string
  /** File name prefix: `part` (data) or `cdc`. */
  readonly filePrefix?: string
  /** `ORDER BY` expression applied inside each file (Z-order, sort). */
  readonly orderBy?: string
  /** Split a partition into several files of at most this many rows. */
  readonly maxRowsPerFile?: number
  /**
   * Every row's partition values (log strings), when the caller knows them: one plain `COPY`
   * into that partition's folder, without a `PARTITION_BY` pass. A row outside it fails the write.
   */
  readonly partitionValues?: Readonly<Record<string, string | null>>
}

/** A written file with what is known of it. */
interface FileOut extends WrittenFile {
  /** Stats from the COPY's return (undefined: read the footer). */
  readonly copied?: CopiedFile
}

/** Writes the files and returns their `add` actions (none when the query has no rows). */
export async function writeDataFiles(options: WriteFilesOptions): Promise<AddAction[]> {
  const { store, schema, partitionColumns } = options
  if (store.localPath === undefined) {
    throw new UnsupportedFeatureError(`the writer needs a store on local disk (got ${store.root})`)
  }
  const dataFields = schema.fields.filter((f) => !partitionColumns.includes(f.name))
  // Columns of primitive types are cast to the table's types (a no-op for a source already
  // projected onto the table), so the files of one schema share one tag (`columns-tag.ts`).
  const tagged = dataFields.every((f) => typeof f.type === 'string')
  const dataCols = dataFields
    .map((f) =>
      tagged
        ? `CAST(${sqlIdent(f.name)} AS ${duckDbType(f.type)}) AS ${sqlIdent(f.name)}`
        : sqlIdent(f.name),
    )
    .join(', ')
  const sliced =
    options.maxRowsPerFile !== undefined ||
    (options.orderBy !== undefined && partitionColumns.length > 0)
  const written: FileOut[] = sliced
    ? await writeSlices({
        ...options,
        dataCols,
        fileRelPath: (values) => fileRelPath(options, values),
      })
    : await copyFiles(options, dataCols)
  // Durable before any commit can reference them (a power loss must not take a file back).
  await store.flush?.(written.map((w) => w.rel))
  return buildAdds(options, dataFields, written, tagged)
}

/** One `COPY … RETURN_STATS`: a single file, or one per partition with `PARTITION_BY`. */
async function copyFiles(options: WriteFilesOptions, dataCols: string): Promise<FileOut[]> {
  const { executor, store, partitionColumns } = options
  const local = (rel: string): string => (store.localPath as (p: string) => string)(rel)
  const order = options.orderBy === undefined ? '' : ` ORDER BY ${options.orderBy}`
  const known = options.partitionValues
  if (partitionColumns.length === 0 || known !== undefined) {
    const values = Object.fromEntries(partitionColumns.map((c) => [c, known?.[c] ?? null]))
    const rel = fileRelPath(options, values)
    await mkdir(dirname(local(rel)), { recursive: true })
    const rows = await executor.all(
      `COPY (SELECT ${dataCols} FROM (${options.sql}) AS src${staticGuard(options, values)}${order}) ` +
        `TO ${sqlString(local(rel))} (FORMAT parquet, COMPRESSION snappy, RETURN_STATS)`,
    )
    const copied = rows.map(copiedFile)
    if (copied.every((c) => c.count === 0)) {
      await store.delete(rel) // DuckDB writes a file even for no rows
      return []
    }
    return copied.map((c) => ({ rel, values, copied: c }))
  }
  const base = local(options.baseDir ?? '')
  await mkdir(base, { recursive: true })
  const fields = new Map(options.schema.fields.map((f) => [f.name, f.type]))
  // DuckDB reports a partition's value as CAST(value AS VARCHAR), the log's form for every type
  // but timestamps (ISO-8601 UTC, zone-independent): only those are rendered first, so the
  // others partition on their native values (cheaper to hash than strings).
  const pcols = partitionColumns.map((c) => {
    const type = fields.get(c) ?? 'string'
    return type === 'timestamp' || type === 'timestamp_ntz'
      ? `${partitionValueSql(c, type)} AS ${sqlIdent(c)}`
      : sqlIdent(c)
  })
  const select = [dataCols, ...pcols].filter((c) => c !== '').join(', ')
  const rows = await executor.all(
    `COPY (SELECT ${select} FROM (${options.sql}) AS src) TO ${sqlString(base)} ` +
      `(FORMAT parquet, COMPRESSION snappy, PARTITION_BY (${partitionColumns.map(sqlIdent).join(', ')}), ` +
      `RETURN_STATS, APPEND, FILENAME_PATTERN ${sqlString(`${options.filePrefix ?? 'part'}-00000-{uuid}-c000.snappy`)})`,
  )
  const out: FileOut[] = []
  for (const copied of rows.map(copiedFile)) {
    if (copied.count === 0) continue
    const values = Object.fromEntries(
      partitionColumns.map((c) => [c, copied.partitionKeys[c] ?? null]),
    )
    const name = copied.filename.slice(copied.filename.lastIndexOf(sep) + 1)
    const rel = [options.baseDir, partitionDirectory(partitionColumns, values), name]
      .filter((p) => p !== undefined && p !== '')
      .join('/')
    if (local(rel) !== copied.filename) {
      // DuckDB percent-encodes folder names its own way; Spark's Hive escaping is the layout.
      await mkdir(dirname(local(rel)), { recursive: true })
      await rename(copied.filename, local(rel))
    }
    out.push({ rel, values, copied })
  }
  return out
}

/** `WHERE` that fails the COPY on a row outside the known partition (none when unpartitioned). */
function staticGuard(
  options: WriteFilesOptions,
  values: Readonly<Record<string, string | null>>,
): string {
  if (options.partitionColumns.length === 0) return ''
  const fields = new Map(options.schema.fields.map((f) => [f.name, f.type]))
  const inside = options.partitionColumns
    .map((c) => {
      const v = values[c]
      const rendered = partitionValueSql(c, fields.get(c) ?? 'string')
      return `${rendered} IS NOT DISTINCT FROM ${v === null || v === undefined ? 'NULL' : sqlString(v)}`
    })
    .join(' AND ')
  return ` WHERE (${inside}) OR error('a row falls outside the partition the write was given')`
}

function fileRelPath(
  options: WriteFilesOptions,
  values: Readonly<Record<string, string | null>>,
): string {
  const dir = partitionDirectory(options.partitionColumns, values)
  const name = `${options.filePrefix ?? 'part'}-00000-${randomUUID()}-c000.snappy.parquet`
  return [options.baseDir, dir, name].filter((p) => p !== undefined && p !== '').join('/')
}

async function buildAdds(
  options: WriteFilesOptions,
  dataFields: DeltaSchema['fields'],
  written: readonly FileOut[],
  tagged: boolean,
): Promise<AddAction[]> {
  if (written.length === 0) return []
  const { executor, store } = options
  const local = (rel: string): string => (store.localPath as (p: string) => string)(rel)
  const footers = written.filter((w) => w.copied === undefined)
  const chunks =
    footers.length === 0
      ? []
      : await executor.all(
          `SELECT file_name, row_group_id, row_group_num_rows, path_in_schema, stats_min_value, ` +
            `stats_max_value, stats_null_count FROM parquet_metadata([${footers.map((w) => sqlString(local(w.rel))).join(', ')}])`,
        )
  const complexNulls = await complexNullCounts(
    executor,
    dataFields,
    written.map((w) => local(w.rel)),
  )
  const dataSchema: DeltaSchema = { type: 'struct', fields: dataFields }
  const config = options.configuration ?? {}
  const numIndexed = config['delta.dataSkippingNumIndexedCols']
  const statsCols = config['delta.dataSkippingStatsColumns']
  const columns: Record<string, string> = tagged ? { [COLUMNS_TAG]: columnsTag(dataFields) } : {}
  const adds: AddAction[] = []
  for (const w of written) {
    const file = local(w.rel)
    const mine =
      w.copied?.chunks ??
      (chunks.filter((c) => c['file_name'] === file) as unknown as FooterColumnChunk[])
    const nulls = complexNulls.get(file)
    const stats = statsFromFooter(dataSchema, mine, {
      ...(w.copied === undefined ? {} : { numRecords: w.copied.count }),
      ...(numIndexed === undefined ? {} : { numIndexedCols: Number(numIndexed) }),
      ...(statsCols === undefined
        ? {}
        : { statsColumns: statsCols.split(',').map((s) => s.trim()) }),
      ...(nulls === undefined ? {} : { complexNullCounts: nulls }),
    })
    const maxima = exactTimestampMaxima(dataSchema, mine)
    const newest = maxima === undefined ? undefined : timestampMaxTag(maxima)
    const tags: Record<string, string> = { ...columns }
    if (newest !== undefined) tags[TIMESTAMP_MAX_TAG] = newest
    const meta = await store.head(w.rel)
    adds.push({
      path: encodeAddPath(w.rel),
      partitionValues: { ...w.values },
      size: meta?.size ?? w.copied?.sizeBytes ?? 0,
      modificationTime: Math.floor(meta?.modified ?? Date.now()),
      dataChange: options.dataChange ?? true,
      stats,
      ...(Object.keys(tags).length === 0 ? {} : { tags }),
    })
  }
  return adds
}

/**
 * Top-level null counts of array and map columns (their leaves' footer counts mean something
 * else), for all files in one query.
 */
async function complexNullCounts(
  executor: SqlExecutor,
  dataFields: DeltaSchema['fields'],
  files: readonly string[],
): Promise<Map<string, Record<string, number>>> {
  const complex = dataFields.filter((f) => typeof f.type !== 'string' && f.type.type !== 'struct')
  const out = new Map<string, Record<string, number>>()
  if (complex.length === 0 || files.length === 0) return out
  const sel = complex.map((f, i) => `count(*) - count(${sqlIdent(f.name)}) AS c${i}`)
  const list = `[${files.map(sqlString).join(', ')}]`
  const rows = await executor.all(
    `SELECT filename AS f, ${sel.join(', ')} FROM ${readParquetSql(list, ['union_by_name=true', 'filename=true'])} GROUP BY filename`,
  )
  for (const row of rows) {
    out.set(
      String(row['f']),
      Object.fromEntries(complex.map((f, i) => [f.name, Number(row[`c${i}`])])),
    )
  }
  for (const f of files)
    if (!out.has(f)) out.set(f, Object.fromEntries(complex.map((c) => [c.name, 0])))
  return out
}
