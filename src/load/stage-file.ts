/**
 * @module load/stage-file
 * One landing file → a DuckDB temp table of bronze rows. The file is read as JSON objects
 * (`read_json_objects`: malformed JSON fails here, and the file is quarantined), its keys are
 * listed, each record is parsed once more by `read_json` into one JSON column per key, keys new
 * to the table are profiled (their JSON types) and become columns (schema evolution), and each
 * value is converted to its column's type: what converts without loss is typed, what does not
 * goes, as its original JSON, into `_rescued_data`. Nothing is dropped or rounded.
 */
import type { Engine } from '../engine/index.js'
import { sqlIdent, sqlString } from '../lake/index.js'
import { RESERVED_NAMES, type BronzeColumn, type BronzeSchema } from './bronze-schema.js'
import { inferColumnType, typedSql, type KeyProfile } from './json-types.js'
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
  // The objects of the file, numbered: parsed where they are used, never stored as text.
  const raw = `(SELECT row_number() OVER () AS rn, json AS j FROM read_json_objects(${sqlString(input.path)}, format = 'array', maximum_object_size = 268435456))`
  let shape: { records: number; keys: string[] }
  try {
    shape = await shapeOf(engine, raw, input.sourceFile)
  } catch (cause) {
    if (cause instanceof MalformedFileError) throw cause
    throw new MalformedFileError(input.sourceFile, reasonOf(cause), cause)
  }
  try {
    const { records, keys } = shape
    const cols = `${input.stagingTable}_cols`
    await extractColumns(engine, input.path, raw, cols, keys)
    const column = new Map(keys.map((k, i) => [k, `c${i}`]))
    const profiles = await profileKeys(engine, cols, keys, schema)
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
    // Each source value was extracted once (column c<i> of `cols`); it is typed once (t<i>,
    // inner query) and rescued when it is present but did not convert.
    const typed: string[] = []
    const selects: string[] = []
    const rescues: string[] = []
    for (const c of schema.list()) {
      const v = column.get(c.name)
      if (v === undefined) {
        selects.push(`CAST(NULL AS ${c.type}) AS ${sqlIdent(c.name)}`)
        continue
      }
      const t = `t${v.slice(1)}`
      typed.push(`${typedSql(v, c.type)} AS ${t}`)
      selects.push(`${t} AS ${sqlIdent(c.name)}`)
      if (c.type !== 'JSON') {
        rescues.push(
          `CASE WHEN ${v} IS NOT NULL AND ${t} IS NULL THEN ${rescueEntry(c.name, v)} END`,
        )
      }
    }
    for (const key of rescuedKeys) {
      const v = column.get(key) ?? 'NULL'
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
      ].join(
        ',\n  ',
      )} FROM (SELECT *${typed.map((x) => `, ${x}`).join('')} FROM ${sqlIdent(cols)})`,
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
    await engine.run(`DROP TABLE IF EXISTS ${sqlIdent(`${input.stagingTable}_cols`)}`)
  }
}

function rescueEntry(key: string, v: string): string {
  return `${sqlString(`${JSON.stringify(key)}:`)} || CAST(${v} AS VARCHAR)`
}

/**
 * Counts the records, checks each is an object, and lists every key in first-seen order. Grouped
 * by key list, so the work per record is one hash: a response has only a few distinct key lists.
 * @throws MalformedFileError when an element is not an object.
 */
async function shapeOf(
  engine: Engine,
  /** The numbered objects of the file, as a SQL subquery. */
  raw: string,
  sourceFile: string,
): Promise<{ records: number; keys: string[] }> {
  const groups = await engine.all(
    `SELECT json_type(j) AS t, CASE WHEN json_type(j) = 'OBJECT' THEN json_keys(j) END AS ks, count(*) AS n, min(rn) AS first
     FROM ${raw} GROUP BY ALL ORDER BY first`,
  )
  const bad = groups.filter((g) => g['t'] !== 'OBJECT')
  if (bad.length > 0) {
    const n = bad.reduce((sum, g) => sum + Number(g['n']), 0)
    throw new MalformedFileError(
      sourceFile,
      `${n} element(s) of the top-level array are ${bad.map((g) => String(g['t'])).join('/')}, not objects`,
    )
  }
  const keys: string[] = []
  const seen = new Set<string>()
  for (const g of groups) {
    for (const k of (g['ks'] as string[] | null) ?? []) {
      if (!seen.has(k)) {
        seen.add(k)
        keys.push(k)
      }
    }
  }
  return { records: groups.reduce((sum, g) => sum + Number(g['n']), 0), keys }
}

/**
 * `cols`: one JSON column `c<i>` per key (SQL NULL when absent or null), each record parsed once
 * by `read_json`. Keys equal but for case cannot be `read_json` columns; then each value is
 * extracted from the objects instead (slower, same result).
 */
async function extractColumns(
  engine: Engine,
  path: string,
  /** The numbered objects of the file, as a SQL subquery. */
  raw: string,
  cols: string,
  keys: readonly string[],
): Promise<void> {
  const lower = new Set(keys.map((k) => k.toLowerCase()))
  if (keys.length === 0) {
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${sqlIdent(cols)} AS SELECT 0 AS _none FROM ${raw}`,
    )
    return
  }
  if (lower.size === keys.length) {
    const spec = keys.map((k) => `${sqlString(k)}: 'JSON'`).join(', ')
    const select = keys.map((k, i) => `${sqlIdent(k)} AS c${i}`).join(', ')
    await engine.run(
      `CREATE OR REPLACE TEMP TABLE ${sqlIdent(cols)} AS SELECT ${select} FROM read_json(${sqlString(path)}, format = 'array', maximum_object_size = 268435456, columns = {${spec}})`,
    )
    return
  }
  const select = keys
    .map(
      (k, i) =>
        `CASE WHEN json_type(j -> ${sqlString(k)}) <> 'NULL' THEN j -> ${sqlString(k)} END AS c${i}`,
    )
    .join(', ')
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(cols)} AS SELECT ${select} FROM ${raw}`)
}

/**
 * The JSON types of values (and of array elements) of the keys not yet in `schema`: only those
 * need a type inferred, so re-loading a known shape costs no profiling.
 */
async function profileKeys(
  engine: Engine,
  cols: string,
  keys: readonly string[],
  schema: BronzeSchema,
): Promise<KeyProfile[]> {
  const fresh = keys
    .map((k, i) => ({ k, c: `c${i}` }))
    .filter(({ k }) => schema.get(k) === undefined)
  const types = new Map<string, Set<string>>()
  const elements = new Map<string, Set<string>>()
  if (fresh.length > 0) {
    const valueTypes = fresh
      .map(({ c }, i) => `list(DISTINCT json_type(${c})) FILTER (WHERE ${c} IS NOT NULL) AS t${i}`)
      .join(', ')
    const [row] = await engine.all(`SELECT ${valueTypes} FROM ${sqlIdent(cols)}`)
    const arrays: { k: string; c: string }[] = []
    fresh.forEach((f, i) => {
      const t = new Set((row?.[`t${i}`] as string[] | null) ?? [])
      types.set(f.k, t)
      if (t.has('ARRAY')) arrays.push(f)
    })
    if (arrays.length > 0) {
      const parts = arrays
        .map(
          ({ k, c }) =>
            `SELECT ${sqlString(k)} AS k, json_type(unnest(json_extract(${c}, '$[*]'))) AS t FROM ${sqlIdent(cols)} WHERE json_type(${c}) = 'ARRAY'`,
        )
        .join(' UNION ALL ')
      const rows = await engine.all(
        `SELECT k, list(DISTINCT t) FILTER (WHERE t <> 'NULL') AS types FROM (${parts}) GROUP BY k`,
      )
      for (const r of rows)
        elements.set(String(r['k']), new Set((r['types'] as string[] | null) ?? []))
    }
  }
  return keys.map((key) => ({
    key,
    types: types.get(key) ?? new Set<string>(),
    elementTypes: elements.get(key) ?? new Set<string>(),
  }))
}

function reasonOf(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : String(cause)
  // The engine prefixes "query failed: "; keep DuckDB's own sentence.
  return message.replace(/^query failed: /, '').split('\n')[0] ?? message
}
