/**
 * @module load/batch-plan
 * The second pass over a batch of landing files, as one SQL query the writer streams straight
 * into Parquet: every record parsed once by `read_json` into one JSON column per key, each value
 * converted to its column's type or, when it does not convert without loss, kept verbatim in
 * `_rescued_data`; then the loader's columns (`_ingestion_timestamp`, `_source_file`,
 * `batch_day`). Keys new to the table become columns (schema evolution), typed by the field
 * catalogue or by their JSON values (profiled only for keys the catalogue does not know).
 *
 * Keys `read_json` cannot take as columns — the empty key `""`, or two keys equal but for case —
 * are read from the objects by JSON pointer instead (files holding them take that slower path);
 * such a key can never be a column, so its value is rescued. Nothing is dropped or rounded.
 */
import { sqlIdent, sqlString } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import { RESERVED_NAMES, type BronzeColumn, type BronzeSchema } from './bronze-schema.js'
import { catalogueType, newColumnType } from './column-types.js'
import { MAX_OBJECT_SIZE, objectsSql, type FileShape } from './file-shape.js'
import { typedSql, type KeyProfile } from './json-types.js'
import { keyOrder, splitReadPaths } from './batch-keys.js'

/** What a batch's query needs to know. */
export interface BatchInput {
  readonly endpoint: string
  /** The files to load (checked whole), in load order. */
  readonly shapes: readonly FileShape[]
  /** `_ingestion_timestamp` of the rows (ISO-8601). */
  readonly ingestedAt: string
}

/** The batch's query and the columns it adds. */
export interface BatchPlan {
  /** Rows of the batch: the schema's columns in order, then the loader's columns. */
  readonly sql: string
  /** Columns this batch adds to the schema (already added to it), in order. */
  readonly newColumns: readonly BronzeColumn[]
  /** The columns each file brought first (by source file). */
  readonly newColumnsOf: ReadonlyMap<string, readonly string[]>
}

/** Plans the batch against `schema`, which it evolves. */
export async function planBatch(
  engine: Engine,
  schema: BronzeSchema,
  input: BatchInput,
): Promise<BatchPlan> {
  const keys = keyOrder(input.endpoint, input.shapes)
  const column = new Map(keys.map((k, i) => [k, `c${i}`]))
  const source = sourceSql(input.shapes, keys, column)
  const candidates = keys.filter(
    (k) => k !== '' && !RESERVED_NAMES.has(k.toLowerCase()) && schema.get(k) === undefined,
  )
  const toProfile = candidates.filter((k) => catalogueType(input.endpoint, k) === undefined)
  const profiles = await profileKeys(engine, source, toProfile, column)
  const newColumns: BronzeColumn[] = []
  for (const key of candidates) {
    if (schema.get(key) !== undefined) continue // equal but for case to one added just now
    const c = { name: key, type: newColumnType(input.endpoint, key, profiles.get(key)) }
    schema.add(c)
    newColumns.push(c)
  }
  return {
    sql: rowsSql(schema, input, keys, column, source),
    newColumns,
    newColumnsOf: firstFileOf(newColumns, input.shapes),
  }
}

/** The records of every file as `c<i>` JSON columns (SQL NULL when absent or null) + `__pw_file`. */
function sourceSql(
  shapes: readonly FileShape[],
  keys: readonly string[],
  column: ReadonlyMap<string, string>,
): string {
  const { fast, slow, fastKeys } = splitReadPaths(shapes)
  const parts: string[] = []
  if (fast.length > 0) {
    // `read_json`'s file column must not shadow a key.
    const lower = new Set(keys.map((k) => k.toLowerCase()))
    let fileCol = '__pw_file'
    while (lower.has(fileCol)) fileCol = `_${fileCol}`
    const spec = [...fastKeys].map((k) => `${sqlString(k)}: 'JSON'`).join(', ')
    const cols = keys.map((k) =>
      fastKeys.has(k)
        ? `${sqlIdent(k)} AS ${column.get(k)}`
        : `CAST(NULL AS JSON) AS ${column.get(k)}`,
    )
    parts.push(
      `SELECT ${[...cols, `${sqlIdent(fileCol)} AS __pw_file`].join(', ')} FROM read_json([${fast.map(sqlString).join(', ')}], format = 'array', filename = ${sqlString(fileCol)}, maximum_object_size = ${MAX_OBJECT_SIZE}, columns = {${spec}})`,
    )
  }
  if (slow.length > 0) {
    const cols = keys.map((k) => {
      const v = `json -> ${sqlString(jsonPointer(k))}`
      return `CASE WHEN json_type(${v}) <> 'NULL' THEN ${v} END AS ${column.get(k)}`
    })
    parts.push(`SELECT ${[...cols, 'filename AS __pw_file'].join(', ')} FROM ${objectsSql(slow)}`)
  }
  return parts.join('\nUNION ALL\n')
}

/** RFC 6901: `~` → `~0`, `/` → `~1`; the empty key is `/`. */
function jsonPointer(key: string): string {
  return `/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
}

function rowsSql(
  schema: BronzeSchema,
  input: BatchInput,
  keys: readonly string[],
  column: ReadonlyMap<string, string>,
  source: string,
): string {
  // Each value was extracted once (c<i>); it is typed once (t<i>, inner query) and rescued when
  // it is present but did not convert.
  const typed: string[] = []
  const selects: string[] = []
  const rescues: string[] = []
  const used = new Set<string>()
  for (const c of schema.list()) {
    const v = column.get(c.name)
    if (v === undefined) {
      selects.push(`CAST(NULL AS ${c.type}) AS ${sqlIdent(c.name)}`)
      continue
    }
    used.add(c.name)
    const t = `t${v.slice(1)}`
    typed.push(`${typedSql(v, c.type)} AS ${t}`)
    selects.push(`${t} AS ${sqlIdent(c.name)}`)
    rescues.push(`CASE WHEN ${v} IS NOT NULL AND ${t} IS NULL THEN ${rescueEntry(c.name, v)} END`)
  }
  // Keys that are no column (reserved, empty, equal but for case to another): always rescued.
  for (const key of keys) {
    if (used.has(key)) continue
    const v = column.get(key) ?? 'NULL'
    rescues.push(`CASE WHEN ${v} IS NOT NULL THEN ${rescueEntry(key, v)} END`)
  }
  const rescued =
    rescues.length === 0
      ? 'CAST(NULL AS JSON)'
      : `CAST(NULLIF('{' || concat_ws(',', ${rescues.join(', ')}) || '}', '{}') AS JSON)`
  const files = input.shapes
    .map(
      (s) =>
        `(${sqlString(s.file.path)}, ${sqlString(s.file.sourceFile)}, DATE ${sqlString(s.file.batchDay)})`,
    )
    .join(', ')
  return `SELECT ${[
    ...selects,
    `${rescued} AS _rescued_data`,
    `CAST(${sqlString(input.ingestedAt)} AS TIMESTAMP WITH TIME ZONE) AS _ingestion_timestamp`,
    `__pw_f.source_file AS _source_file`,
    `__pw_f.batch_day AS batch_day`,
  ].join(',\n  ')}
FROM (SELECT *${typed.map((x) => `, ${x}`).join('')} FROM (${source})) AS __pw_s
JOIN (VALUES ${files}) AS __pw_f(path, source_file, batch_day) ON __pw_s.__pw_file = __pw_f.path`
}

function rescueEntry(key: string, v: string): string {
  return `${sqlString(`${JSON.stringify(key)}:`)} || CAST(${v} AS VARCHAR)`
}

/**
 * The JSON types of the values (and of array elements) of `keys`: only keys new to the table
 * and unknown to the catalogue need a type inferred, so a known shape costs no profiling.
 */
async function profileKeys(
  engine: Engine,
  source: string,
  keys: readonly string[],
  column: ReadonlyMap<string, string>,
): Promise<Map<string, KeyProfile>> {
  const profiles = new Map<string, KeyProfile>()
  if (keys.length === 0) return profiles
  const cols = keys.map((k) => ({ k, c: column.get(k) ?? 'NULL' }))
  const valueTypes = cols
    .map(({ c }, i) => `list(DISTINCT json_type(${c})) FILTER (WHERE ${c} IS NOT NULL) AS p${i}`)
    .join(', ')
  const elementTypes = cols
    .map(
      (_, i) =>
        `list(DISTINCT e${i}) FILTER (WHERE e${i} IS NOT NULL AND e${i} <> 'NULL') AS q${i}`,
    )
    .join(', ')
  const unnested = cols
    .map(
      ({ c }, i) =>
        `unnest(CASE WHEN json_type(${c}) = 'ARRAY' THEN list_transform(json_extract(${c}, '$[*]'), e -> json_type(e)) END) AS e${i}`,
    )
    .join(', ')
  const [row] = await engine.all(`SELECT ${valueTypes} FROM (${source})`)
  const [elements] = await engine.all(
    `SELECT ${elementTypes} FROM (SELECT ${unnested} FROM (${source}))`,
  )
  cols.forEach(({ k }, i) => {
    profiles.set(k, {
      key: k,
      types: new Set((row?.[`p${i}`] as string[] | null) ?? []),
      elementTypes: new Set((elements?.[`q${i}`] as string[] | null) ?? []),
    })
  })
  return profiles
}

function firstFileOf(
  columns: readonly BronzeColumn[],
  shapes: readonly FileShape[],
): Map<string, string[]> {
  const byFile = new Map<string, string[]>()
  for (const c of columns) {
    const first = shapes.find((s) => s.keyLists.some((ks) => ks.includes(c.name)))
    if (first === undefined) continue
    byFile.set(first.file.sourceFile, [...(byFile.get(first.file.sourceFile) ?? []), c.name])
  }
  return byFile
}
