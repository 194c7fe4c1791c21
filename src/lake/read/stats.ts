/**
 * @module lake/read/stats
 * Per-file statistics (`add.stats`, a JSON string): numRecords, minValues, maxValues, nullCount,
 * tightBounds. Keyed by physical column names. Unparseable stats are treated as absent.
 *
 * Numbers with more than 15 significant digits are kept as their exact decimal text (a string):
 * `JSON.parse` would round `9007199254740993` to `9007199254740992`, and a rounded bound makes
 * strict comparisons prune files that hold matching rows. Pruning compares them exactly
 * (`stat-compare.ts`).
 */

/** Parsed file statistics (top level only is used for pruning). */
export interface FileStats {
  readonly numRecords: number | undefined
  readonly minValues: Readonly<Record<string, unknown>>
  readonly maxValues: Readonly<Record<string, unknown>>
  readonly nullCount: Readonly<Record<string, unknown>>
  readonly tightBounds: boolean
}

// A JSON string (skipped as a whole) or a JSON number.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g

/** Significant digits of a JSON number's text. */
function significantDigits(text: string): number {
  const mantissa = text
    .replace(/^-/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
  return mantissa.replace(/^0+/, '').length
}

/**
 * `JSON.parse` that keeps every number of more than 15 significant digits as its exact text
 * (a string) instead of rounding it to a double.
 */
export function parseJsonExact(text: string): unknown {
  return JSON.parse(
    text.replace(TOKEN, (t) => (t.startsWith('"') || significantDigits(t) <= 15 ? t : `"${t}"`)),
  )
}

/** Parses `add.stats`; `undefined` when missing or invalid. */
export function parseStats(stats: string | null | undefined): FileStats | undefined {
  if (stats === null || stats === undefined || stats === '') return undefined
  let v: unknown
  try {
    v = parseJsonExact(stats)
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
