/**
 * @module lake/protocol/timestamp-max-tag
 * The `add.tags["pitwall.timestampMax"]` pitwall's writer puts on each data file: the exact
 * largest value of each top-level `timestamp` column, in microseconds since the epoch, from the
 * file's own footer — `{"ingested_at":"1764688863348123"}`, `null` for a column with no value.
 *
 * Delta's `maxValues` are truncated to milliseconds (what Spark writes; readers widen them by
 * 1 ms), so they cannot tell a file whose newest row is the watermark itself from one a
 * microsecond past it: every file of a season loaded in one batch looks "maybe newer". This tag
 * can, so an incremental model's watermark and its changed keys are answered from the log alone
 * (issue 16). Tags are free-form in the protocol (PROTOCOL.md "Add File"): other readers ignore
 * this one. A file with a deletion vector may have lost its newest row, so its tag is only an
 * upper bound ({@link exactTimestampMax} says so).
 */
import type { AddAction } from './actions.js'

/** The tag key. */
export const TIMESTAMP_MAX_TAG = 'pitwall.timestampMax'

/**
 * The tag's value for a file: each top-level `timestamp` column's physical name and its largest
 * value in microseconds (null when the file holds no value). Undefined when there is no column.
 */
export function timestampMaxTag(columns: ReadonlyMap<string, bigint | null>): string | undefined {
  if (columns.size === 0) return undefined
  const out: Record<string, string | null> = {}
  for (const [name, us] of columns) out[name] = us === null ? null : us.toString()
  return JSON.stringify(out)
}

/**
 * What the tag of `add` knows about `column` (a physical name): `{ max }` in microseconds (null:
 * no value in the file), with `exact` false when a deletion vector may have removed it (then
 * `max` is an upper bound). Undefined when the file carries no exact max for the column.
 */
export function exactTimestampMax(
  add: AddAction,
  column: string,
): { readonly max: bigint | null; readonly exact: boolean } | undefined {
  const raw = add.tags?.[TIMESTAMP_MAX_TAG]
  if (raw === undefined) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || !(column in parsed)) return undefined
  const v = (parsed as Record<string, unknown>)[column]
  const exact = (add.deletionVector?.cardinality ?? 0) === 0
  if (v === null) return { max: null, exact }
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) return undefined
  return { max: BigInt(v), exact }
}

/**
 * A timestamp as DuckDB prints it (`2026-12-02 15:21:03.348123+00`, `T` or space, 0–9 fraction
 * digits, offset `Z`/`±hh[:mm]` or none for UTC) in microseconds since the epoch; digits past the
 * microsecond are dropped (DuckDB keeps none). Undefined when it does not parse.
 */
export function timestampMicros(text: string): bigint | undefined {
  const m =
    /^(-?\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      text.trim(),
    )
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = m
  // Date.UTC reads years 0–99 as 1900–1999: set the year on its own.
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)))
  date.setUTCFullYear(Number(y))
  const ms = date.getTime()
  if (!Number.isFinite(ms)) return undefined
  let offsetMinutes = 0
  if (zone !== undefined && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)
    if (z === null) return undefined
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0))
  }
  const micros = BigInt((frac ?? '').padEnd(6, '0').slice(0, 6))
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * 1000n + micros
}

/** Microseconds since the epoch as a UTC timestamp literal DuckDB reads exactly. */
export function microsText(us: bigint): string {
  const ms = floorMillis(us)
  const rest = us - ms * 1000n
  const iso = new Date(Number(ms)).toISOString() // YYYY-MM-DDTHH:MM:SS.mmmZ
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${rest.toString().padStart(3, '0')}+00`
}

/**
 * Microseconds since the epoch as ISO 8601 UTC cut to the millisecond (`…T12:30:00.123Z`, as
 * Spark writes timestamp stats); undefined outside the years 0001–9999.
 */
export function isoMillis(us: bigint): string | undefined {
  const iso = new Date(Number(floorMillis(us))).toISOString()
  return /^\d{4}-/.test(iso) && !iso.startsWith('0000') ? iso : undefined
}

/** The millisecond a microsecond falls in (rounded down, before the epoch too). */
function floorMillis(us: bigint): bigint {
  return us / 1000n - (us % 1000n < 0n ? 1n : 0n)
}
