/**
 * @module lake/read/scan-filter
 * Simple scan predicates on top-level columns (`=`, `!=`, `<`, `<=`, `>`, `>=`, `IN`, `IS [NOT]
 * NULL`, `AND`): their SQL, and whether a file may hold matching rows — exactly on partition
 * values, conservatively on min/max/nullCount stats (PROTOCOL.md "Per-file Statistics").
 */
import type { AddAction } from '../protocol/actions.js'
import {
  duckDbType,
  findField,
  physicalName,
  type ColumnMappingMode,
  type DataType,
  type StructType,
} from '../protocol/schema.js'
import { DeltaError } from '../lake-errors.js'
import { sqlIdent, sqlString } from '../sql-executor.js'
import { partitionValueJs, rawPartitionValue } from './partition-values.js'
import { parseStats, type FileStats } from './stats.js'
import { compareCodePoints, compareExact, exactNumber, type ExactNumber } from './stat-compare.js'

/** A literal in a filter. Dates and timestamps as `Date` or ISO strings. */
export type ScanValue = string | number | bigint | boolean | Date | null

/** A comparison operator. */
export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>='

/** A scan predicate. */
export type ScanFilter =
  | { readonly op: CompareOp; readonly column: string; readonly value: ScanValue }
  | { readonly op: 'in'; readonly column: string; readonly values: readonly ScanValue[] }
  | { readonly op: 'is-null' | 'is-not-null'; readonly column: string }
  | { readonly op: 'and'; readonly filters: readonly ScanFilter[] }

/** The table facts a filter needs. */
export interface FilterContext {
  readonly schema: StructType
  readonly partitionColumns: readonly string[]
  readonly mode: ColumnMappingMode
}

function fieldOf(ctx: FilterContext, column: string) {
  const f = findField(ctx.schema, column)
  if (f === undefined) {
    throw new DeltaError('unknown-column', `filter column '${column}' is not in the table schema`, {
      hint: `columns: ${ctx.schema.fields.map((x) => x.name).join(', ')}`,
    })
  }
  return f
}

/** The SQL text of a filter over the scan's logical columns. */
export function filterSql(filter: ScanFilter, ctx: FilterContext): string {
  if (filter.op === 'and')
    return filter.filters.map((f) => `(${filterSql(f, ctx)})`).join(' AND ') || 'TRUE'
  const field = fieldOf(ctx, filter.column)
  const col = sqlIdent(field.name)
  if (filter.op === 'is-null' || filter.op === 'is-not-null') {
    return `${col} ${filter.op === 'is-null' ? 'IS NULL' : 'IS NOT NULL'}`
  }
  if (filter.op === 'in') {
    if (filter.values.length === 0) return 'FALSE'
    return `${col} IN (${filter.values.map((v) => literalSql(v, field.type)).join(', ')})`
  }
  const op = filter.op === '!=' ? '<>' : filter.op
  return `${col} ${op} ${literalSql(compareValue(filter), field.type)}`
}

/** A literal cast to the column's DuckDB type. */
export function literalSql(value: ScanValue, type: DataType): string {
  if (value === null) return 'NULL'
  const t = duckDbType(type)
  const text = value instanceof Date ? value.toISOString() : String(value)
  return `CAST(${sqlString(text)} AS ${t})`
}

/** False only when no row of `add` can satisfy `filter`. */
export function mayMatch(add: AddAction, filter: ScanFilter, ctx: FilterContext): boolean {
  return evaluate(add, filter, ctx, { stats: undefined, parsed: false })
}

/**
 * A value in comparable form: numbers (floats, timestamps as epoch ms), strings (by code point),
 * booleans, or exact decimals for integer and decimal columns (never rounded to a double).
 */
type Comparable = number | string | boolean | ExactNumber

function compare(a: Comparable, b: Comparable): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b)
  if (typeof a === 'object' && typeof b === 'object') return compareExact(a, b)
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return Number(a) - Number(b)
}

/** Whether `a op b` holds (`in` tests one of its values: equality). */
function holds(op: CompareOp | 'in', a: Comparable, b: Comparable): boolean {
  const c = compare(a, b)
  switch (op) {
    case '=':
    case 'in':
      return c === 0
    case '!=':
      return c !== 0
    case '<':
      return c < 0
    case '<=':
      return c <= 0
    case '>':
      return c > 0
    case '>=':
      return c >= 0
  }
}

function evaluate(
  add: AddAction,
  filter: ScanFilter,
  ctx: FilterContext,
  cache: { stats: FileStats | undefined; parsed: boolean },
): boolean {
  if (filter.op === 'and') return filter.filters.every((f) => evaluate(add, f, ctx, cache))
  const field = fieldOf(ctx, filter.column)
  const isPartition = ctx.partitionColumns.some((p) => p.toLowerCase() === field.name.toLowerCase())
  if (isPartition) {
    return matchesValue(rawPartitionValue(add, field, ctx.mode), filter, field.type)
  }
  if (!cache.parsed) {
    cache.stats = parseStats(add.stats)
    cache.parsed = true
  }
  const stats = cache.stats
  if (stats === undefined) return true
  const phys = physicalName(field, ctx.mode)
  const nulls = stats.nullCount[phys]
  const rows = stats.numRecords
  const allNull = typeof nulls === 'number' && rows !== undefined && nulls >= rows
  if (filter.op === 'is-null' || filter.op === 'is-not-null') {
    return filter.op === 'is-null' ? typeof nulls !== 'number' || nulls > 0 : !allNull
  }
  if (allNull) return false
  const min = statValue(stats.minValues[phys], field.type, 'min')
  const max = statValue(stats.maxValues[phys], field.type, 'max')
  const values = filter.op === 'in' ? filter.values : [compareValue(filter)]
  return values.some((raw) => {
    const v = toComparable(raw, field.type)
    if (v === undefined || v === null) return filter.op === 'in' ? false : true
    switch (filter.op) {
      case '=':
      case 'in':
        return (
          (min === undefined || compare(min, v) <= 0) && (max === undefined || compare(v, max) <= 0)
        )
      case '!=':
        return !(
          min !== undefined &&
          max !== undefined &&
          compare(min, v) === 0 &&
          compare(max, v) === 0
        )
      case '<':
        return min === undefined || compare(min, v) < 0
      case '<=':
        return min === undefined || compare(min, v) <= 0
      case '>':
        return max === undefined || compare(max, v) > 0
      case '>=':
        return max === undefined || compare(max, v) >= 0
    }
  })
}

function matchesValue(
  raw: string | null,
  filter: Exclude<ScanFilter, { op: 'and' }>,
  type: DataType,
): boolean {
  if (filter.op === 'is-null' || filter.op === 'is-not-null') {
    return filter.op === 'is-null' ? raw === null : raw !== null
  }
  if (raw === null) return false
  const a = partitionComparable(raw, type)
  if (a === undefined) return true
  const op = filter.op
  const values = filter.op === 'in' ? filter.values : [compareValue(filter)]
  return values.some((literal) => {
    const b = toComparable(literal, type)
    if (b === undefined) return true
    if (b === null) return false
    return holds(op, a, b)
  })
}

/** A partition value (as the log stores it) in comparable form; `undefined` = cannot compare. */
function partitionComparable(raw: string, type: DataType): Comparable | undefined {
  if (isExact(type)) return exactNumber(raw)
  const v = partitionValueJs(raw, type)
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined
  return typeof v === 'string' || typeof v === 'boolean' ? v : undefined
}

/** A filter literal in the comparable form of its column type; `undefined` = cannot compare. */
function toComparable(raw: ScanValue, type: DataType): Comparable | null | undefined {
  if (raw === null) return null
  if (type === 'timestamp' || type === 'timestamp_ntz') {
    const ms =
      raw instanceof Date
        ? raw.getTime()
        : typeof raw === 'string'
          ? Date.parse(ntzAsUtc(raw, type))
          : Number(raw)
    return Number.isFinite(ms) ? ms : undefined
  }
  if (type === 'date') {
    if (raw instanceof Date) return raw.toISOString().slice(0, 10)
    return typeof raw === 'string' ? raw.slice(0, 10) : undefined
  }
  if (type === 'string') return typeof raw === 'string' ? raw : undefined
  if (type === 'boolean') return typeof raw === 'boolean' ? raw : raw === 'true'
  if (isExact(type))
    return raw instanceof Date || typeof raw === 'boolean' ? undefined : exactNumber(raw)
  if (isNumeric(type)) {
    const n = Number(raw)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

function ntzAsUtc(s: string, type: DataType): string {
  const t = s.trim().replace(' ', 'T')
  return type === 'timestamp_ntz' && !/([zZ]|[+-]\d{2}:?\d{2})$/.test(t) ? `${t}Z` : t
}

function isNumeric(type: DataType): boolean {
  return (
    typeof type === 'string' &&
    (['byte', 'short', 'integer', 'long', 'float', 'double'].includes(type) ||
      type.startsWith('decimal'))
  )
}

/** Integer and decimal columns: compared exactly from their decimal text. */
function isExact(type: DataType): boolean {
  return (
    typeof type === 'string' &&
    (['byte', 'short', 'integer', 'long'].includes(type) || type.startsWith('decimal'))
  )
}

/** A stats bound in comparable form. Timestamp maxima are widened by 1 ms (millisecond truncation). */
function statValue(v: unknown, type: DataType, which: 'min' | 'max'): Comparable | undefined {
  if (v === undefined || v === null) return undefined
  if (type === 'timestamp' || type === 'timestamp_ntz') {
    const ms = Date.parse(ntzAsUtc(String(v), type))
    if (!Number.isFinite(ms)) return undefined
    return which === 'max' ? ms + 1 : ms
  }
  if (type === 'date') return String(v).slice(0, 10)
  if (type === 'string') return typeof v === 'string' ? v : undefined
  if (isExact(type)) return exactNumber(v)
  if (isNumeric(type)) {
    const n = Number(v)
    return Number.isFinite(n) ? n : undefined
  }
  return undefined
}

function compareValue(filter: ScanFilter): ScanValue {
  return 'value' in filter ? filter.value : null
}
