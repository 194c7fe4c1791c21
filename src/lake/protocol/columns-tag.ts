/**
 * @module lake/protocol/columns-tag
 * The `add.tags["pitwall.columns"]` pitwall's writer puts on each data file: a digest of the
 * columns the file was written with (names and Delta types, in order). Files carrying the same
 * digest hold the same columns with the same types, so a scan may read them as one schema —
 * `read_parquet` without `union_by_name`, which opens only the first file to bind instead of
 * every footer (issue 16: every statement over a 70-race table paid ~10 ms per reference).
 * Tags are free-form in the protocol (PROTOCOL.md "Add File"): other readers ignore this one, and
 * files without it (other writers, older pitwall) are read by name as before.
 */
import { createHash } from 'node:crypto'
import type { DataType } from './schema.js'

/** The tag key. */
export const COLUMNS_TAG = 'pitwall.columns'

/** The digest of a file's data columns (format version 1). */
export function columnsTag(
  fields: readonly { readonly name: string; readonly type: DataType }[],
): string {
  const text = JSON.stringify(fields.map((f) => [f.name, f.type]))
  return `1:${createHash('sha256').update(text).digest('hex').slice(0, 24)}`
}
