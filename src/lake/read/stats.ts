/**
 * @module lake/read/stats
 * Per-file statistics (`add.stats`, a JSON string): numRecords, minValues, maxValues, nullCount,
 * tightBounds. Keyed by physical column names. Unparseable stats are treated as absent.
 */

/** Parsed file statistics (top level only is used for pruning). */
export interface FileStats {
  readonly numRecords: number | undefined
  readonly minValues: Readonly<Record<string, unknown>>
  readonly maxValues: Readonly<Record<string, unknown>>
  readonly nullCount: Readonly<Record<string, unknown>>
  readonly tightBounds: boolean
}

/** Parses `add.stats`; `undefined` when missing or invalid. */
export function parseStats(stats: string | null | undefined): FileStats | undefined {
  if (stats === null || stats === undefined || stats === '') return undefined
  let v: unknown
  try {
    v = JSON.parse(stats)
  } catch {
    return undefined
  }
  if (typeof v !== 'object' || v === null) return undefined
  const o = v as Record<string, unknown>
  const obj = (x: unknown): Record<string, unknown> =>
    typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {}
  const n = o['numRecords']
  return {
    numRecords: typeof n === 'number' ? n : typeof n === 'string' ? Number(n) : undefined,
    minValues: obj(o['minValues']),
    maxValues: obj(o['maxValues']),
    nullCount: obj(o['nullCount']),
    tightBounds: o['tightBounds'] !== false,
  }
}
