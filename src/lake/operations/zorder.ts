/**
 * @module lake/operations/zorder
 * The Z-order key of OPTIMIZE … ZORDER BY, computed in DuckDB SQL (it has no z-order function):
 * each column's rows get a rank bucket (`percent_rank()` scaled to `bits` bits, so equal values
 * share a bucket and skewed columns still spread), and the buckets' bits are interleaved
 * (bit b of column j goes to position b·n + j) into one BIGINT — Spark's range-id + interleave.
 */
import { DeltaError } from '../lake-errors.js'
import { sqlIdent } from '../sql-executor.js'

/** The column holding the Z-order key. */
export const ZORDER_COLUMN = '__pw_z'

/** Most columns a 62-bit key can interleave with at least 8 bits each. */
export const MAX_ZORDER_COLUMNS = 7

/** Wraps `sql` so that it also yields {@link ZORDER_COLUMN} for `columns`. */
export function zorderSql(sql: string, columns: readonly string[]): string {
  const n = columns.length
  if (n === 0 || n > MAX_ZORDER_COLUMNS) {
    throw new DeltaError(
      'zorder-columns',
      `ZORDER BY takes 1 to ${MAX_ZORDER_COLUMNS} columns (got ${n})`,
    )
  }
  const bits = Math.min(16, Math.floor(62 / n))
  const scale = 2 ** bits - 1
  const ranks = columns.map(
    (c, j) =>
      `CAST(floor(percent_rank() OVER (ORDER BY ${sqlIdent(c)} NULLS FIRST) * ${scale}) AS BIGINT) AS __pw_r${j}`,
  )
  const terms: string[] = []
  for (let b = 0; b < bits; b++) {
    for (let j = 0; j < n; j++) terms.push(`(((__pw_r${j} >> ${b}) & 1) << ${b * n + j})`)
  }
  return `SELECT *, (${terms.join(' | ')}) AS ${ZORDER_COLUMN} FROM (SELECT *, ${ranks.join(', ')} FROM (${sql}))`
}
