/**
 * @module lake/write/data-writer
 * Writes the rows of a SQL query as Delta data files: DuckDB `COPY (…) TO '…' (FORMAT parquet)`
 * into Hive-style partition folders named by {@link partitionDirectory}, one file per partition
 * (or several when `maxRowsPerFile` is set), then builds the `add` actions with size, modification
 * time and Spark-format stats read back from each file's footer (`parquet_metadata()`).
 *
 * Files get fresh UUID names and are written in place: a writer that dies before its commit
 * leaves only unreferenced files, which VACUUM removes. They are flushed to disk
 * (`ObjectStore.flush`) before their `add` actions are returned for a commit.
 */
import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { AddAction } from '../protocol/actions.js'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { readParquetSql, sqlIdent, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'
import type { DeltaSchema } from './delta-types.js'
import { statsFromFooter, type FooterColumnChunk } from './file-stats.js'
import { encodeAddPath, partitionDirectory } from './partition-path.js'
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
}

/** Writes the files and returns their `add` actions (none when the query has no rows). */
export async function writeDataFiles(options: WriteFilesOptions): Promise<AddAction[]> {
  const { executor, store, schema, partitionColumns } = options
  if (store.localPath === undefined) {
    throw new UnsupportedFeatureError(`the writer needs a store on local disk (got ${store.root})`)
  }
  const dataFields = schema.fields.filter((f) => !partitionColumns.includes(f.name))
  const dataCols = dataFields.map((f) => sqlIdent(f.name)).join(', ')
  const written: { rel: string; values: Record<string, string | null> }[] = []
  if (partitionColumns.length === 0 && options.maxRowsPerFile === undefined) {
    // One file straight from the query: no staging table (the common append path).
    const rel = fileRelPath(options, {})
    const target = store.localPath(rel)
    await mkdir(dirname(target), { recursive: true })
    const order = options.orderBy === undefined ? '' : ` ORDER BY ${options.orderBy}`
    await executor.run(
      `COPY (SELECT ${dataCols} FROM (${options.sql}) AS src${order}) ` +
        `TO ${sqlString(target)} (FORMAT parquet, COMPRESSION snappy)`,
    )
    const adds = await buildAdds(options, dataFields, [{ rel, values: {} }])
    if (
      adds.every((a) => (JSON.parse(a.stats ?? '{}') as { numRecords?: number }).numRecords !== 0)
    ) {
      await store.flush?.([rel])
      return adds
    }
    await store.delete(rel)
    return []
  }
  const temp = `__pitwall_write_${randomUUID().replaceAll('-', '')}`
  // Rows are tagged with their partition's number, so a partition is selected by that number and
  // never by a literal of its value (values may hold any character, NUL included).
  const exprs = partitionColumns.map((c) => partitionValueSql(c, fieldType(schema, c)))
  const pid = exprs.length === 0 ? '0' : `dense_rank() OVER (ORDER BY ${exprs.join(', ')})`
  await executor.run(
    `CREATE TEMP TABLE ${temp} AS SELECT *, ${pid} AS ${PARTITION_ID} FROM (${options.sql}) AS src`,
  )
  try {
    const groups = await partitionGroups(options, temp, exprs)
    for (const { id, values, count } of groups) {
      const filter = ` WHERE ${PARTITION_ID} = ${id}`
      const per = options.maxRowsPerFile ?? count
      for (let offset = 0; offset < count; offset += per) {
        const rel = fileRelPath(options, values)
        const order = options.orderBy ?? (per < count ? 'rowid' : undefined)
        const slice = per < count ? ` LIMIT ${per} OFFSET ${offset}` : ''
        const target = store.localPath(rel)
        await mkdir(dirname(target), { recursive: true })
        await executor.run(
          `COPY (SELECT ${dataCols} FROM ${temp}${filter}${order === undefined ? '' : ` ORDER BY ${order}`}${slice}) ` +
            `TO ${sqlString(target)} (FORMAT parquet, COMPRESSION snappy)`,
        )
        written.push({ rel, values })
      }
    }
  } finally {
    await executor.run(`DROP TABLE IF EXISTS ${temp}`)
  }
  // Durable before any commit can reference them (a power loss must not take a file back).
  await store.flush?.(written.map((w) => w.rel))
  return buildAdds(options, dataFields, written)
}

function fieldType(schema: DeltaSchema, name: string): DeltaSchema['fields'][number]['type'] {
  const f = schema.fields.find((x) => x.name === name)
  if (f === undefined)
    throw new UnsupportedFeatureError(`partition column '${name}' is not in the schema`)
  return f.type
}

const PARTITION_ID = '__pw_pid'

async function partitionGroups(
  options: WriteFilesOptions,
  temp: string,
  exprs: readonly string[],
): Promise<{ id: number; values: Record<string, string | null>; count: number }[]> {
  const cols = options.partitionColumns
  const selected = exprs.map((e, i) => `any_value(${e}) AS p${i}`)
  const rows = await options.executor.all(
    `SELECT ${[`${PARTITION_ID} AS id`, 'count(*) AS n', ...selected].join(', ')} FROM ${temp} GROUP BY 1 ORDER BY 1`,
  )
  return rows.map((row) => {
    const values: Record<string, string | null> = {}
    cols.forEach((c, i) => {
      const v = row[`p${i}`]
      values[c] = v === null || v === undefined || v === '' ? null : String(v)
    })
    return { id: Number(row['id']), values, count: Number(row['n']) }
  })
}

function fileRelPath(options: WriteFilesOptions, values: Record<string, string | null>): string {
  const dir = partitionDirectory(options.partitionColumns, values)
  const name = `${options.filePrefix ?? 'part'}-00000-${randomUUID()}-c000.snappy.parquet`
  return [options.baseDir, dir, name].filter((p) => p !== undefined && p !== '').join('/')
}

async function buildAdds(
  options: WriteFilesOptions,
  dataFields: DeltaSchema['fields'],
  written: readonly { rel: string; values: Record<string, string | null> }[],
): Promise<AddAction[]> {
  if (written.length === 0) return []
  const { executor, store } = options
  const local = (rel: string): string => (store.localPath as (p: string) => string)(rel)
  const list = `[${written.map((w) => sqlString(local(w.rel))).join(', ')}]`
  const chunks = await executor.all(
    `SELECT file_name, row_group_id, row_group_num_rows, path_in_schema, stats_min_value, ` +
      `stats_max_value, stats_null_count FROM parquet_metadata(${list})`,
  )
  const complex = dataFields.filter((f) => typeof f.type !== 'string' && f.type.type !== 'struct')
  const dataSchema: DeltaSchema = { type: 'struct', fields: dataFields }
  const config = options.configuration ?? {}
  const numIndexed = config['delta.dataSkippingNumIndexedCols']
  const statsCols = config['delta.dataSkippingStatsColumns']
  const adds: AddAction[] = []
  for (const w of written) {
    const file = local(w.rel)
    const mine = chunks.filter((c) => c['file_name'] === file) as unknown as FooterColumnChunk[]
    let complexNullCounts: Record<string, number> | undefined
    if (complex.length > 0) {
      const sel = complex.map((f, i) => `count(*) - count(${sqlIdent(f.name)}) AS c${i}`)
      const row =
        (
          await executor.all(`SELECT ${sel.join(', ')} FROM ${readParquetSql(sqlString(file))}`)
        )[0] ?? {}
      complexNullCounts = Object.fromEntries(complex.map((f, i) => [f.name, Number(row[`c${i}`])]))
    }
    const stats = statsFromFooter(dataSchema, mine, {
      ...(numIndexed === undefined ? {} : { numIndexedCols: Number(numIndexed) }),
      ...(statsCols === undefined
        ? {}
        : { statsColumns: statsCols.split(',').map((s) => s.trim()) }),
      ...(complexNullCounts === undefined ? {} : { complexNullCounts }),
    })
    const meta = await store.head(w.rel)
    adds.push({
      path: encodeAddPath(w.rel),
      partitionValues: w.values,
      size: meta?.size ?? 0,
      modificationTime: Math.floor(meta?.modified ?? Date.now()),
      dataChange: options.dataChange ?? true,
      stats,
    })
  }
  return adds
}
