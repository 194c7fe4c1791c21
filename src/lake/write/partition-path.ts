/**
 * @module lake/write/partition-path
 * Partition directories and `add.path` encoding (PROTOCOL.md "Partition Value Serialization";
 * PROTOCOL-NOTES §1.5). The directory name Hive-escapes the value as Spark does on POSIX
 * (`ExternalCatalogUtils.escapePathName`: control characters and `"#%'*\/:=?\^{[]` and DEL become
 * `%XX`); `add.path` is then the URI encoding of that relative path, so `a/b` → dir `p=a%2Fb` →
 * path `p=a%252Fb/…` — exactly `kernel-rs-data/_expected/writer/partition-path-encoding.csv`.
 */

/** The directory name Spark and Hive use for a NULL (or empty) partition value. */
export const HIVE_DEFAULT_PARTITION = '__HIVE_DEFAULT_PARTITION__'

const HIVE_SPECIAL = new Set([
  '"',
  '#',
  '%',
  "'",
  '*',
  '/',
  ':',
  '=',
  '?',
  '\\',
  '^',
  '{',
  '[',
  ']',
])

function needsEscape(ch: string): boolean {
  const code = ch.charCodeAt(0)
  return code < 0x20 || code === 0x7f || HIVE_SPECIAL.has(ch)
}

/** Hive-escapes one path segment (a column name or a partition value). */
export function hiveEscape(segment: string): string {
  let out = ''
  for (const ch of segment) {
    out += needsEscape(ch) ? `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : ch
  }
  return out
}

/**
 * The relative directory of one partition, `col=value/col2=value2` (Hive-escaped, not yet
 * URI-encoded); empty for an unpartitioned table. NULL and '' map to the Hive default partition.
 */
export function partitionDirectory(
  partitionColumns: readonly string[],
  values: Readonly<Record<string, string | null>>,
): string {
  return partitionColumns
    .map((col) => {
      const v = values[col]
      const shown =
        v === null || v === undefined || v === '' ? HIVE_DEFAULT_PARTITION : hiveEscape(v)
      return `${hiveEscape(col)}=${shown}`
    })
    .join('/')
}

/**
 * URI-encodes a relative path (RFC 2396 as Hadoop's `Path.toUri`): reserved characters that
 * survive Hive escaping (`/ : = @ & + $ , ;`) stay, `%`, space, backtick, braces, `<>|` and non-ASCII
 * are percent-encoded. Readers decode `add.path` exactly once.
 */
export function encodeAddPath(relativePath: string): string {
  return encodeURI(relativePath)
}

/** Decodes an `add.path` back to the relative path of the file (the inverse of {@link encodeAddPath}). */
export function decodeAddPath(addPath: string): string {
  return decodeURIComponent(addPath)
}
