/**
 * @module lake/operations/merge-pruning
 * Which target files may hold a row whose key is in the merge source — by partition values and by
 * min/max stats — so that MERGE reads and rewrites only those (copy-on-write). The same test tells
 * the conflict checker whether a file added concurrently may hold one of our keys.
 *
 * Keys are compared in a monotone projection of their type (numbers as doubles, timestamps as epoch
 * milliseconds — stats are truncated to ms —, dates and strings as text, compared by code point as
 * the stats are): a monotone map keeps `min ≤ v ≤ max`, so pruning never drops a file that holds a
 * key. When in doubt (no stats, a key missing from the stats) the file is kept.
 */
import type { AddAction } from '../protocol/actions.js'
import type { DataType, StructType } from '../protocol/schema.js'
import { partitionValueJs } from '../read/partition-values.js'
import { compareCodePoints } from '../read/stat-compare.js'
import { parseStats } from '../read/stats.js'
import { sqlIdent, type SqlExecutor } from '../sql-executor.js'

type Probe = number | string

/** The sorted distinct source values of one key column. */
export interface KeyProbe {
  readonly column: string
  readonly type: DataType
  readonly isPartition: boolean
  /** Sorted ascending, or `undefined` when the type cannot be pruned on. */
  readonly values: readonly Probe[] | undefined
}

const NUMERIC = new Set(['byte', 'short', 'integer', 'long', 'float', 'double'])

function probeSql(col: string, type: DataType): string | undefined {
  if (typeof type !== 'string') return undefined
  if (NUMERIC.has(type) || type.startsWith('decimal')) return `CAST(${col} AS DOUBLE)`
  if (type === 'timestamp' || type === 'timestamp_ntz') return `epoch_ms(${col})`
  if (type === 'string' || type === 'date') return `CAST(${col} AS VARCHAR)`
  return undefined
}

function statProbe(value: unknown, type: DataType): Probe | undefined {
  if (value === null || value === undefined || typeof type !== 'string') return undefined
  if (NUMERIC.has(type) || type.startsWith('decimal')) return Number(value)
  if (type === 'timestamp' || type === 'timestamp_ntz') {
    const text = String(value).replace(' ', 'T')
    const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`)
    return Number.isNaN(ms) ? undefined : ms
  }
  return String(value)
}

function compareProbes(a: Probe, b: Probe): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b)
  return Number(a) - Number(b)
}

/** Reads the distinct key values of `sourceTable` (a table or view name) for pruning. */
export async function keyProbes(
  executor: SqlExecutor,
  sourceTable: string,
  schema: StructType,
  keys: readonly string[],
  partitionColumns: readonly string[],
): Promise<KeyProbe[]> {
  const out: KeyProbe[] = []
  for (const key of keys) {
    const field = schema.fields.find((f) => f.name === key)
    const type = field?.type ?? 'string'
    const expr = probeSql(sqlIdent(key), type)
    let values: Probe[] | undefined
    if (expr !== undefined) {
      const rows = await executor.all(
        `SELECT DISTINCT ${expr} AS v FROM ${sourceTable} WHERE ${sqlIdent(key)} IS NOT NULL`,
      )
      values = rows.map((r) => (typeof r['v'] === 'string' ? r['v'] : Number(r['v'])))
      values.sort(compareProbes)
    }
    out.push({ column: key, type, isPartition: partitionColumns.includes(key), values })
  }
  return out
}

function anyBetween(values: readonly Probe[], lo: Probe, hi: Probe): boolean {
  let a = 0
  let b = values.length
  while (a < b) {
    const mid = (a + b) >> 1
    if (compareProbes(values[mid] as Probe, lo) < 0) a = mid + 1
    else b = mid
  }
  return a < values.length && compareProbes(values[a] as Probe, hi) <= 0
}

/** True when `add` may hold a row whose key is among the probes' values. */
export function mayContainKeys(add: AddAction, probes: readonly KeyProbe[]): boolean {
  const stats = parseStats(add.stats)
  for (const p of probes) {
    if (p.values === undefined) continue
    if (p.values.length === 0) return false
    if (p.isPartition) {
      const raw = add.partitionValues[p.column]
      const js = partitionValueJs(raw === undefined || raw === '' ? null : raw, p.type)
      if (js === null) return false // a NULL key never matches
      const probe = typeof js === 'number' || typeof js === 'string' ? js : undefined
      if (probe !== undefined && !anyBetween(p.values, probe, probe)) return false
      continue
    }
    if (stats === undefined) continue
    const nulls = Number(stats.nullCount[p.column] ?? -1)
    if (stats.numRecords !== undefined && nulls === stats.numRecords) return false
    const lo = statProbe(stats.minValues[p.column], p.type)
    const hi = statProbe(stats.maxValues[p.column], p.type)
    if (lo === undefined || hi === undefined || Number.isNaN(lo) || Number.isNaN(hi)) continue
    if (!anyBetween(p.values, lo, hi)) return false
  }
  return true
}
