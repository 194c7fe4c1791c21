/**
 * @module lake/write/partition-slices
 * The writer's path for files that need more than one `COPY … PARTITION_BY` can give: a sort
 * inside each file (Z-order) or at most N rows per file (OPTIMIZE's bin-packing). The rows are
 * staged once in a temp table tagged with their partition's number, then each partition (or
 * slice of one) is copied to its own file. Partitions are selected by that number, never by a
 * literal of their value (values may hold any character, NUL included).
 */
import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { sqlString, type SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'
import type { DeltaSchema } from './delta-types.js'
import { partitionValueSql } from './partition-values.js'

/** A file written: its path relative to the table root and its partition values. */
export interface WrittenFile {
  readonly rel: string
  readonly values: Readonly<Record<string, string | null>>
}

/** What to write in slices. */
export interface SliceOptions {
  readonly executor: SqlExecutor
  readonly store: ObjectStore
  readonly sql: string
  readonly schema: DeltaSchema
  readonly partitionColumns: readonly string[]
  /** The data columns, quoted, in file order. */
  readonly dataCols: string
  readonly orderBy?: string
  readonly maxRowsPerFile?: number
  /** The relative path of a new file in a partition. */
  readonly fileRelPath: (values: Readonly<Record<string, string | null>>) => string
}

const PARTITION_ID = '__pw_pid'

/** Writes the slices; returns the files written (none for no rows). */
export async function writeSlices(options: SliceOptions): Promise<WrittenFile[]> {
  const { executor, store, schema } = options
  const local = store.localPath?.bind(store)
  if (local === undefined) {
    throw new UnsupportedFeatureError(`the writer needs a store on local disk (got ${store.root})`)
  }
  const temp = `__pitwall_write_${randomUUID().replaceAll('-', '')}`
  const exprs = options.partitionColumns.map((c) => partitionValueSql(c, fieldType(schema, c)))
  const pid = exprs.length === 0 ? '0' : `dense_rank() OVER (ORDER BY ${exprs.join(', ')})`
  await executor.run(
    `CREATE TEMP TABLE ${temp} AS SELECT *, ${pid} AS ${PARTITION_ID} FROM (${options.sql}) AS src`,
  )
  const written: WrittenFile[] = []
  try {
    for (const { id, values, count } of await partitionGroups(options, temp, exprs)) {
      const filter = ` WHERE ${PARTITION_ID} = ${id}`
      const per = options.maxRowsPerFile ?? count
      for (let offset = 0; offset < count; offset += per) {
        const rel = options.fileRelPath(values)
        const order = options.orderBy ?? (per < count ? 'rowid' : undefined)
        const slice = per < count ? ` LIMIT ${per} OFFSET ${offset}` : ''
        const target = local(rel)
        await mkdir(dirname(target), { recursive: true })
        await executor.run(
          `COPY (SELECT ${options.dataCols} FROM ${temp}${filter}${order === undefined ? '' : ` ORDER BY ${order}`}${slice}) ` +
            `TO ${sqlString(target)} (FORMAT parquet, COMPRESSION snappy)`,
        )
        written.push({ rel, values })
      }
    }
  } finally {
    await executor.run(`DROP TABLE IF EXISTS ${temp}`)
  }
  return written
}

function fieldType(schema: DeltaSchema, name: string): DeltaSchema['fields'][number]['type'] {
  const f = schema.fields.find((x) => x.name === name)
  if (f === undefined)
    throw new UnsupportedFeatureError(`partition column '${name}' is not in the schema`)
  return f.type
}

async function partitionGroups(
  options: SliceOptions,
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
