/**
 * @module lake/read/stat-compare
 * Exact comparisons for statistics and pruning. Strings compare by code point — the order of
 * their UTF-8 bytes, which Parquet footers, Spark and DuckDB use — and not by UTF-16 code unit
 * as JavaScript's `<` does (which puts U+FFFF above an emoji). Integers and decimals compare
 * exactly from their decimal text, so values above 2^53 never round into each other.
 */

/** Maps a UTF-16 code unit so that unit order equals code point order (surrogates last). */
function fixup(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000
  if (unit >= 0xe000) return unit - 0x800
  return unit
}

/** Compares two strings by code point (= UTF-8 byte order). Negative, zero or positive. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return fixup(x) - fixup(y)
  }
  return a.length - b.length
}

/** An exact decimal: `mantissa × 10^exponent`. */
export interface ExactNumber {
  readonly mantissa: bigint
  readonly exponent: number
}

const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/** Parses decimal text (`-12.50`, `1e5`, `9007199254740993`) exactly; `undefined` otherwise. */
export function exactNumber(value: unknown): ExactNumber | undefined {
  if (typeof value === 'bigint') return { mantissa: value, exponent: 0 }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined
    value = String(value)
  }
  if (typeof value !== 'string') return undefined
  const m = NUMBER_TEXT.exec(value.trim())
  if (m === null) return undefined
  const int = m[2] ?? ''
  const frac = m[3] ?? ''
  if (int === '' && frac === '') return undefined
  const digits = `${int}${frac}` || '0'
  const mantissa = BigInt(digits) * (m[1] === '-' ? -1n : 1n)
  return { mantissa, exponent: Number(m[4] ?? 0) - frac.length }
}

/** Compares two exact numbers. */
export function compareExact(a: ExactNumber, b: ExactNumber): number {
  const e = Math.min(a.exponent, b.exponent)
  const x = a.mantissa * 10n ** BigInt(a.exponent - e)
  const y = b.mantissa * 10n ** BigInt(b.exponent - e)
  return x < y ? -1 : x > y ? 1 : 0
}
