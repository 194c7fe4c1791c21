/**
 * @module lake/write/copy-stats
 * The per-file statistics DuckDB returns from `COPY … TO … (FORMAT parquet, RETURN_STATS)` — one
 * row per written file with `filename`, `count`, `file_size_bytes`, `column_statistics` (a map
 * from the quoted column path, `"st"."a"`, to `min`/`max`/`null_count`/`has_nan`) and
 * `partition_keys` — turned into the footer shape {@link statsFromFooter} reads, so a written file
 * never has to be opened again for its stats.
 */
import type { FooterColumnChunk } from './file-stats.js'

/** One row returned by `COPY … RETURN_STATS`. */
export interface CopiedFile {
  /** The local path DuckDB wrote. */
  readonly filename: string
  readonly count: number
  readonly sizeBytes: number
  /** Partition column → value as written (`null` for NULL). */
  readonly partitionKeys: Readonly<Record<string, string | null>>
  /** The file's statistics as one footer row per leaf column. */
  readonly chunks: readonly FooterColumnChunk[]
}

/** A DuckDB MAP as the node client returns it (`[{ key, value }]`) or a plain object. */
function entries(map: unknown): [string, unknown][] {
  if (Array.isArray(map)) {
    return map.map((e) => [String((e as { key: unknown }).key), (e as { value: unknown }).value])
  }
  if (typeof map === 'object' && map !== null) return Object.entries(map)
  return []
}

/** `"st"."a"` → `st, a` (the `path_in_schema` form of `parquet_metadata`). */
export function quotedPath(key: string): string {
  const parts: string[] = []
  const re = /"((?:[^"]|"")*)"|([^."]+)/g
  for (let m = re.exec(key); m !== null; m = re.exec(key)) {
    parts.push(m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] ?? ''))
  }
  return parts.join(', ')
}

/** Reads one `RETURN_STATS` row. */
export function copiedFile(row: Readonly<Record<string, unknown>>): CopiedFile {
  const count = Number(row['count'])
  const chunks: FooterColumnChunk[] = entries(row['column_statistics']).map(([key, value]) => {
    const stats = Object.fromEntries(entries(value).map(([k, v]) => [k, v]))
    // A column holding NaN has no usable bounds (Spark and the footer both leave them out).
    const nan = String(stats['has_nan']) === 'true'
    return {
      row_group_id: 0,
      row_group_num_rows: count,
      path_in_schema: quotedPath(key),
      stats_min_value: nan ? null : (stats['min'] ?? null),
      stats_max_value: nan ? null : (stats['max'] ?? null),
      stats_null_count: stats['null_count'] ?? null,
    }
  })
  const partitionKeys = Object.fromEntries(
    entries(row['partition_keys']).map(([k, v]) => [
      k,
      v === null || v === undefined || v === '' ? null : String(v),
    ]),
  )
  return {
    filename: String(row['filename']),
    count,
    sizeBytes: Number(row['file_size_bytes']),
    partitionKeys,
    chunks,
  }
}
