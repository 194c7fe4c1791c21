/**
 * @module load/stage-file
 * One landing file → a DuckDB temp table of bronze rows. The file is read as JSON objects
 * (`read_json_objects`), each key is profiled (its JSON types), new keys become new columns
 * (schema evolution), and each value is checked against its column's type: what fits is typed,
 * what does not goes, with its original JSON, into `_rescued_data`. Nothing is dropped or rounded.
 */
import type { Engine } from '../engine/index.js'
import { sqlIdent, sqlString } from '../lake/index.js'
import { RESERVED_NAMES, type BronzeColumn, type BronzeSchema } from './bronze-schema.js'
import { columnSql, inferColumnType, type KeyProfile } from './json-types.js'
import { knownType, MIXED_KEYS } from './known-types.js'
import { MalformedFileError } from './load-errors.js'

/** Where a staged file came from and what the loader stamps on its rows. */
export interface StageInput {
  /** Absolute path of the landing file. */
  readonly path: string
  /** The path relative to the landing zone, stored in `_source_file`. */
  readonly sourceFile: string
  /** `batch_day` of the rows (`YYYY-MM-DD`). */
  readonly batchDay: string
  /** `_ingestion_timestamp` of the rows (ISO-8601). */
  readonly ingestedAt: string
  /** Name of the temp table to create. */
  readonly stagingTable: string
}

/** What staging one file found. */
export interface StagedFile {
  readonly stagingTable: string
  /** Records in the file. */
  readonly records: number
  /** Records with at least one rescued value. */
  readonly rescuedRows: number
  /** Columns this file added to the schema. */
  readonly newColumns: readonly BronzeColumn[]
}

/** Stages `input` against `schema` (which it evolves). @throws MalformedFileError */
export async function stageFile(
  engine: Engine,
  schema: BronzeSchema,
  input: StageInput,
): Promise<StagedFile> {
  const raw = `${input.stagingTable}_raw`
  try {
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${sqlIdent(raw)} AS SELECT json AS j FROM read_json_objects(${sqlString(input.path)}, format = 'array', maximum_object_size = 268435456)`,
    )
  } catch (cause) {
    throw new MalformedFileError(input.sourceFile, reasonOf(cause), cause)
  }
  try {
    const [shape] = await engine.all(
      `SELECT count(*) AS records, count(*) FILTER (WHERE json_type(j) <> 'OBJECT') AS bad, any_value(json_type(j)) FILTER (WHERE json_type(j) <> 'OBJECT') AS bad_type FROM ${sqlIdent(raw)}`,
    )
    if (Number(shape?.['bad'] ?? 0) > 0) {
      throw new MalformedFileError(
        input.sourceFile,
        `${String(shape?.['bad'])} element(s) of the top-level array are ${String(shape?.['bad_type'])}, not objects`,
      )
    }
    const records = Number(shape?.['records'] ?? 0)
    const profiles = await profileKeys(engine, raw)
    const newColumns: BronzeColumn[] = []
    const rescuedKeys: string[] = []
    for (const p of profiles) {
      if (RESERVED_NAMES.has(p.key.toLowerCase())) {
        rescuedKeys.push(p.key)
        continue
      }
      const existing = schema.get(p.key)
      if (existing !== undefined) {
        // Same name in another case: DuckDB cannot hold both; keep the value in _rescued_data.
        if (existing.name !== p.key) rescuedKeys.push(p.key)
        continue
      }
      const type = MIXED_KEYS.has(p.key) ? 'JSON' : (inferColumnType(p) ?? knownType(p.key))
      const column = { name: p.key, type }
      schema.add(column)
      newColumns.push(column)
    }
    const present = new Set(profiles.map((p) => p.key))
    const selects: string[] = []
    const rescues: string[] = []
    for (const c of schema.list()) {
      if (!present.has(c.name)) {
        selects.push(`CAST(NULL AS ${c.type}) AS ${sqlIdent(c.name)}`)
        continue
      }
      const v = `(j -> ${sqlString(c.name)})`
      const { value, fits } = columnSql(v, c.type)
      selects.push(`${value} AS ${sqlIdent(c.name)}`)
      if (fits !== 'TRUE') rescues.push(`CASE WHEN NOT ${fits} THEN ${rescueEntry(c.name, v)} END`)
    }
    for (const key of rescuedKeys) {
      const v = `(j -> ${sqlString(key)})`
      rescues.push(`CASE WHEN ${v} IS NOT NULL THEN ${rescueEntry(key, v)} END`)
    }
    const rescued =
      rescues.length === 0
        ? 'CAST(NULL AS JSON)'
        : `CAST(NULLIF('{' || concat_ws(',', ${rescues.join(', ')}) || '}', '{}') AS JSON)`
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${sqlIdent(input.stagingTable)} AS SELECT ${[
        ...selects,
        `${rescued} AS _rescued_data`,
        `CAST(${sqlString(input.ingestedAt)} AS TIMESTAMP WITH TIME ZONE) AS _ingestion_timestamp`,
        `${sqlString(input.sourceFile)} AS _source_file`,
        `DATE ${sqlString(input.batchDay)} AS batch_day`,
      ].join(',\n  ')} FROM ${sqlIdent(raw)}`,
    )
    const [counts] = await engine.all(
      `SELECT count(*) FILTER (WHERE _rescued_data IS NOT NULL) AS rescued FROM ${sqlIdent(input.stagingTable)}`,
    )
    return {
      stagingTable: input.stagingTable,
      records,
      rescuedRows: Number(counts?.['rescued'] ?? 0),
      newColumns,
    }
  } finally {
    await engine.run(`DROP TABLE IF EXISTS ${sqlIdent(raw)}`)
  }
}

function rescueEntry(key: string, v: string): string {
  return `${sqlString(`${JSON.stringify(key)}:`)} || CAST(${v} AS VARCHAR)`
}

/** Every key of the file in first-seen order with its value and element JSON types. */
async function profileKeys(engine: Engine, raw: string): Promise<KeyProfile[]> {
  const rows = await engine.all(
    `WITH kv AS (
       SELECT rn, unnest(json_keys(j)) AS k, unnest(range(len(json_keys(j)))) AS i, j
       FROM (SELECT row_number() OVER () AS rn, j FROM ${sqlIdent(raw)})
     ), typed AS (SELECT rn, i, k, j -> k AS v, json_type(j -> k) AS t FROM kv)
     SELECT k,
            min(rn * 100000 + i) AS first_seen,
            list(DISTINCT t) FILTER (WHERE t <> 'NULL') AS types,
            flatten(list(DISTINCT list_filter(list_transform(json_extract(v, '$[*]'), e -> json_type(e)), x -> x <> 'NULL')) FILTER (WHERE t = 'ARRAY')) AS element_types
     FROM typed GROUP BY k ORDER BY first_seen`,
  )
  return rows.map((r) => ({
    key: String(r['k']),
    types: new Set((r['types'] as string[] | null) ?? []),
    elementTypes: new Set((r['element_types'] as string[] | null) ?? []),
  }))
}

function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause)
  // The engine prefixes "query failed: "; keep DuckDB's own sentence.
  return message.replace(/^query failed: /, '').split('\n')[0] ?? message
}
