/**
 * @module load/batch-keys
 * The keys of a batch of landing files: their order (the field catalogue's for the fields it
 * lists, so a bronze table's columns follow the API's documentation whatever order a response
 * sends its keys in; then unknown keys as they first appear) and which files `read_json` can read
 * (DuckDB names columns case-insensitively and has no empty name: a file holding `""` or a key
 * equal but for case to another goes to the JSON-pointer path).
 */
import { OPENF1_FIELDS, isOpenF1Endpoint } from '../core/index.js'
import type { FileShape } from './file-shape.js'

/** Every distinct key of `shapes`, catalogue fields first in the catalogue's order. */
export function keyOrder(endpoint: string, shapes: readonly FileShape[]): string[] {
  const seen = new Set<string>()
  for (const s of shapes) for (const ks of s.keyLists) for (const k of ks) seen.add(k)
  const known = isOpenF1Endpoint(endpoint) ? Object.keys(OPENF1_FIELDS[endpoint]) : []
  const first = known.filter((k) => seen.has(k))
  const rest = [...seen].filter((k) => !first.includes(k))
  return [...first, ...rest]
}

/** Which files `read_json` reads (`fast`, with the keys it reads) and which go by JSON pointer. */
export function splitReadPaths(shapes: readonly FileShape[]): {
  fast: string[]
  slow: string[]
  fastKeys: Set<string>
} {
  const claimed = new Map<string, string>() // lower case → the key read under it
  const fast: string[] = []
  const slow: string[] = []
  for (const s of shapes) {
    const mine = new Map<string, string>()
    let ok = true
    for (const ks of s.keyLists) {
      for (const k of ks) {
        const lower = k.toLowerCase()
        const other = mine.get(lower) ?? claimed.get(lower)
        if (k === '' || (other !== undefined && other !== k)) ok = false
        mine.set(lower, k)
      }
    }
    if (!ok) {
      slow.push(s.file.path)
      continue
    }
    for (const [lower, k] of mine) claimed.set(lower, k)
    fast.push(s.file.path)
  }
  // Files without a single key (only `{}`) need no `read_json` columns: read them by pointer.
  if (claimed.size === 0)
    return { fast: [], slow: shapes.map((s) => s.file.path), fastKeys: new Set() }
  return { fast, slow, fastKeys: new Set(claimed.values()) }
}
