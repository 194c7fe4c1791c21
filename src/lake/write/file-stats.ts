/**
 * @module lake/write/file-stats
 * Per-file statistics in Spark's format (PROTOCOL.md "Per-file Statistics"; PROTOCOL-NOTES §1.6),
 * computed from the Parquet footer (`parquet_metadata()`), never by re-reading the data:
 * `numRecords`, `minValues`/`maxValues` for the first `delta.dataSkippingNumIndexedCols` (32) leaf
 * columns — numbers, decimals, dates, timestamps (truncated to milliseconds, `…Z` for `timestamp`,
 * no zone for `timestamp_ntz`), strings (32-code-point prefixes, see {@link truncateMax}), struct
 * leaves — and `nullCount` for every indexed column, but no min/max for boolean, binary, array and
 * map (as Spark). Strings are compared by code point (UTF-8 byte order), as the footers are.
 */
import { isoMillis, timestampMicros } from '../protocol/timestamp-max-tag.js'
import { compareCodePoints, compareExact, exactNumber } from '../read/stat-compare.js'
import type { DeltaField, DeltaSchema, DeltaType } from './delta-types.js'

/** One row of DuckDB's `parquet_metadata()` (the columns the writer selects). */
export interface FooterColumnChunk {
  readonly row_group_id: unknown
  readonly row_group_num_rows: unknown
  readonly path_in_schema: unknown
  readonly stats_min_value: unknown
  readonly stats_max_value: unknown
  readonly stats_null_count: unknown
}

/** A stats value: a JSON number kept as its exact text, a string, or a nested object. */
type StatValue = { readonly num: string } | string | StatObject
interface StatObject {
  [key: string]: StatValue
}

/** Options of {@link statsFromFooter}. */
export interface StatsOptions {
  /** `delta.dataSkippingNumIndexedCols` (default 32; -1 = all). */
  readonly numIndexedCols?: number
  /** `delta.dataSkippingStatsColumns`, when set: the columns to collect instead. */
  readonly statsColumns?: readonly string[]
  /** Top-level null counts of array/map columns (their leaves' counts mean something else). */
  readonly complexNullCounts?: Readonly<Record<string, number>>
  /** The file's row count, when known (else the sum of the row groups' counts). */
  readonly numRecords?: number
}

const STRING_PREFIX = 32

/** Leaf columns of `schema` in order, with their path. Arrays and maps are leaves. */
export function statsLeaves(schema: DeltaSchema): { path: string[]; type: DeltaType }[] {
  const out: { path: string[]; type: DeltaType }[] = []
  const walk = (fields: readonly DeltaField[], prefix: string[]): void => {
    for (const f of fields) {
      if (typeof f.type !== 'string' && f.type.type === 'struct')
        walk(f.type.fields, [...prefix, f.name])
      else out.push({ path: [...prefix, f.name], type: f.type })
    }
  }
  walk(schema.fields, [])
  return out
}

/** Builds the `stats` JSON string of one data file from its footer rows. */
export function statsFromFooter(
  schema: DeltaSchema,
  chunks: readonly FooterColumnChunk[],
  options: StatsOptions = {},
): string {
  const rowGroups = new Map<string, number>()
  const byPath = new Map<string, FooterColumnChunk[]>()
  for (const c of chunks) {
    rowGroups.set(String(c.row_group_id), Number(c.row_group_num_rows))
    const key = String(c.path_in_schema)
    byPath.set(key, [...(byPath.get(key) ?? []), c])
  }
  const numRecords = options.numRecords ?? [...rowGroups.values()].reduce((a, b) => a + b, 0)
  const minValues: StatObject = {}
  const maxValues: StatObject = {}
  const nullCount: StatObject = {}
  let leaves = statsLeaves(schema)
  if (options.statsColumns !== undefined) {
    const wanted = new Set(options.statsColumns.map((c) => c.toLowerCase()))
    leaves = leaves.filter(
      (l) =>
        wanted.has(l.path.join('.').toLowerCase()) || wanted.has((l.path[0] ?? '').toLowerCase()),
    )
  } else if ((options.numIndexedCols ?? 32) >= 0) {
    leaves = leaves.slice(0, options.numIndexedCols ?? 32)
  }
  for (const leaf of leaves) {
    const complex = typeof leaf.type !== 'string'
    if (complex) {
      const n = options.complexNullCounts?.[leaf.path.join('.')]
      if (n !== undefined) setPath(nullCount, leaf.path, { num: String(n) })
      continue
    }
    const parts = byPath.get(leaf.path.join(', '))
    if (parts === undefined) continue
    const nulls = parts.reduce((a, c) => a + Number(c.stats_null_count ?? 0), 0)
    setPath(nullCount, leaf.path, { num: String(nulls) })
    const kind = leaf.type as string
    if (kind === 'boolean' || kind === 'binary') continue
    const mins = parts.map((c) => c.stats_min_value)
    const maxs = parts.map((c) => c.stats_max_value)
    if (nulls === numRecords || mins.some((v) => v === null) || maxs.some((v) => v === null))
      continue
    const lo = aggregate(kind, mins as string[], 'min')
    const hi = aggregate(kind, maxs as string[], 'max')
    if (lo === undefined || hi === undefined) continue
    setPath(minValues, leaf.path, lo)
    setPath(maxValues, leaf.path, hi)
  }
  return `{"numRecords":${numRecords},"minValues":${render(minValues)},"maxValues":${render(maxValues)},"nullCount":${render(nullCount)}}`
}

function setPath(target: StatObject, path: readonly string[], value: StatValue): void {
  let node = target
  for (const p of path.slice(0, -1)) {
    const next = node[p]
    if (next === undefined || typeof next === 'string' || 'num' in next) node[p] = {}
    node = node[p] as StatObject
  }
  node[path[path.length - 1] ?? ''] = value
}

function render(value: StatValue): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if ('num' in value && typeof value.num === 'string') return value.num
  return `{${Object.entries(value as StatObject)
    .map(([k, v]) => `${JSON.stringify(k)}:${render(v)}`)
    .join(',')}}`
}

const NUMERIC = new Set(['byte', 'short', 'integer', 'long', 'float', 'double'])

/** Reduces per-row-group footer values of one column to one stats value, or undefined. */
function aggregate(
  kind: string,
  values: readonly string[],
  op: 'min' | 'max',
): StatValue | undefined {
  if (NUMERIC.has(kind) || kind.startsWith('decimal')) {
    if (values.some((v) => !/^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v))) return undefined // NaN, inf
    const pick = values.reduce((a, b) =>
      compareNumeric(b, a) * (op === 'min' ? -1 : 1) > 0 ? b : a,
    )
    return { num: pick }
  }
  if (kind === 'date') return pickString(values, op)
  if (kind === 'timestamp' || kind === 'timestamp_ntz') {
    const formatted = values.map((v) => formatTimestamp(v, kind === 'timestamp'))
    if (formatted.some((v) => v === undefined)) return undefined
    return pickString(formatted as string[], op)
  }
  if (kind === 'string') {
    const pick = pickString(values, op)
    return op === 'min' ? truncateMin(pick) : truncateMax(pick)
  }
  return undefined
}

/** The largest code point: appended to a truncated maximum, it out-ranks any continuation. */
const MAX_CODE_POINT = '\u{10FFFF}'

/** A minimum's first {@link STRING_PREFIX} code points (a prefix never sorts above the value). */
export function truncateMin(value: string): string {
  const chars = [...value]
  return chars.length <= STRING_PREFIX ? value : chars.slice(0, STRING_PREFIX).join('')
}

/**
 * A maximum truncated as Delta-Spark does (`truncateMaxStringAgg`): the first
 * {@link STRING_PREFIX} code points plus U+10FFFF, which is above every string with that prefix
 * whose next code point is below U+10FFFF; while the next code point *is* U+10FFFF the prefix
 * grows by one. A value that would not get shorter is kept whole.
 */
export function truncateMax(value: string): string {
  const chars = [...value]
  if (chars.length <= STRING_PREFIX) return value
  let i = STRING_PREFIX
  while (i < chars.length && chars[i] === MAX_CODE_POINT) i++
  if (i >= chars.length - 1) return value
  return `${chars.slice(0, i).join('')}${MAX_CODE_POINT}`
}

function pickString(values: readonly string[], op: 'min' | 'max'): string {
  return values.reduce((a, b) => {
    const c = compareCodePoints(b, a)
    return (op === 'min' ? c < 0 : c > 0) ? b : a
  })
}

function compareNumeric(a: string, b: string): number {
  const x = exactNumber(a)
  const y = exactNumber(b)
  if (x !== undefined && y !== undefined) return compareExact(x, y)
  return Number(a) - Number(b)
}

/**
 * Formats a footer timestamp (`2023-06-15 12:30:00.123456+00` or, for ntz, without offset) as
 * Spark's stats do: milliseconds, `Z` for `timestamp`. Years outside 0001–9999 give undefined.
 */
export function formatTimestamp(value: string, utc: boolean): string | undefined {
  // ntz: the wall clock as written (an offset, which ntz footers do not have, is ignored).
  const text = utc ? value : value.trim().replace(/(?:Z|[+-]\d{2}(?::?\d{2})?)$/, '')
  const us = timestampMicros(text)
  const iso = us === undefined ? undefined : isoMillis(us)
  return iso === undefined || utc ? iso : iso.slice(0, -1)
}

/**
 * The exact largest value of each top-level `timestamp` column of one file, in microseconds, from
 * its footer rows (every row group's max; null when the column holds no value) — the
 * `pitwall.timestampMax` tag (`protocol/timestamp-max-tag.ts`). A column whose max cannot be read
 * exactly leaves the whole map undefined.
 */
export function exactTimestampMaxima(
  schema: DeltaSchema,
  chunks: readonly FooterColumnChunk[],
): Map<string, bigint | null> | undefined {
  const out = new Map<string, bigint | null>()
  for (const f of schema.fields) {
    if (f.type !== 'timestamp') continue
    const parts = chunks.filter((c) => String(c.path_in_schema) === f.name)
    if (parts.length === 0) return undefined
    let max: bigint | null = null
    for (const c of parts) {
      if (c.stats_max_value === null || c.stats_max_value === undefined) {
        if (Number(c.stats_null_count) === Number(c.row_group_num_rows)) continue
        return undefined
      }
      const us = timestampMicros(String(c.stats_max_value))
      if (us === undefined) return undefined
      if (max === null || us > max) max = us
    }
    out.set(f.name, max)
  }
  return out
}
