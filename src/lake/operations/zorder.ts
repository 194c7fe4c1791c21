/**
 * @module lake/operations/zorder
 * The Z-order key of OPTIMIZE … ZORDER BY, computed in DuckDB SQL (it has no z-order function):
 * each column's distinct values get a bucket (`dense_rank()` scaled to `bits` bits, so equal
 * values share a bucket and the buckets align on powers of two), and the buckets' bits are interleaved
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
  const dense = columns.map(
    (c, j) => `dense_rank() OVER (ORDER BY ${sqlIdent(c)} NULLS FIRST) - 1 AS __pw_d${j}`,
  )
  const ranks = columns.map(
    (_, j) =>
      `CAST(floor(__pw_d${j} * ${scale + 1}.0 / (max(__pw_d${j}) OVER () + 1)) AS BIGINT) AS __pw_r${j}`,
  )
  const terms: string[] = []
  for (let b = 0; b < bits; b++) {
    for (let j = 0; j < n; j++) terms.push(`(((__pw_r${j} >> ${b}) & 1) << ${b * n + j})`)
  }
  return (
    `SELECT *, (${terms.join(' | ')}) AS ${ZORDER_COLUMN} FROM ` +
    `(SELECT *, ${ranks.join(', ')} FROM (SELECT *, ${dense.join(', ')} FROM (${sql})))`
  )
}
