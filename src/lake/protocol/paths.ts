/**
 * @module lake/protocol/paths
 * Path normalisation for `add`/`remove`/`cdc` paths (PROTOCOL-NOTES §1.5, §1.7): paths in the log
 * are RFC 2396 URI-encoded, relative to the table root or absolute URIs. They are URI-decoded
 * exactly once and a `file:` scheme is dropped, so that `file:/a/b%20c` and `/a/b c` name the same
 * file when the log is reconciled.
 */

/** Decodes a log path once and strips a `file:` scheme (`file:///x`, `file:/x` → `/x`). */
export function normalizePath(raw: string): string {
  let p = raw
  const scheme = /^file:(\/\/[^/]*)?(\/.*)$/.exec(p)
  if (scheme !== null) p = scheme[2] ?? p
  try {
    return decodeURIComponent(p)
  } catch {
    // A literal '%' that is not an escape: the path was not encoded; take it as is.
    return p
  }
}

/** True when a normalised path is absolute (not relative to the table root). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(path)
}

/** The key of a logical file in the log: normalised path + deletion vector id. */
export function fileKey(path: string, dvId: string): string {
  return dvId === '' ? normalizePath(path) : `${normalizePath(path)}#${dvId}`
}
