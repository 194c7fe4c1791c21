/**
 * @module engine/duckdb/json-values
 * Converts DuckDB values to plain JSON without losing anything: BIGINT-family → number when it is
 * a safe integer (else a decimal string), DECIMAL → number when the number prints exactly the
 * same digits (else the exact decimal string: `12345678901234567.89` stays as written), BLOB →
 * base64, timestamps → ISO-8601 strings with microseconds (`Z` for TIMESTAMPTZ, none for naive
 * TIMESTAMP), everything else as the library's JSON converter does (lists → arrays, structs →
 * objects, dates → `YYYY-MM-DD`).
 */
import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBValueConverter,
  type Json,
} from '@duckdb/node-api'

const INTEGER_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
])

const TIMESTAMP_IDS = new Set<DuckDBTypeId>([
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.TIMESTAMP_MS,
  DuckDBTypeId.TIMESTAMP_S,
  DuckDBTypeId.TIMESTAMP_NS,
])

/** A bigint as a number when exactly representable, else its decimal string. */
export function safeInteger(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value.toString()
}

/**
 * A DECIMAL's text (`1.50`, `-0.10`, `12345678901234567.89`) as a number when that number prints
 * the same value (`1.5`, `-0.1`), else as the exact string: a double would round the digits.
 */
export function exactDecimal(text: string): number | string {
  let canonical = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
  if (/^-0*$/.test(canonical)) canonical = '0'
  canonical = canonical.replace(/^(-?)0+(?=\d)/, '$1')
  const n = Number(canonical)
  return Number.isFinite(n) && String(n) === canonical ? n : text
}

/** Formats microseconds since the epoch as ISO-8601 with six fraction digits. */
export function isoFromMicros(micros: bigint, utc: boolean): string {
  const seconds = micros >= 0n ? micros / 1_000_000n : (micros - 999_999n) / 1_000_000n
  const fraction = micros - seconds * 1_000_000n
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19)
  return `${base}.${fraction.toString().padStart(6, '0')}${utc ? 'Z' : ''}`
}

function micros(value: unknown, typeId: DuckDBTypeId): bigint | undefined {
  const raw =
    (value as { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint }) ?? {}
  if (typeof raw.micros === 'bigint') return raw.micros
  if (typeId === DuckDBTypeId.TIMESTAMP_MS && typeof raw.millis === 'bigint')
    return raw.millis * 1000n
  if (typeId === DuckDBTypeId.TIMESTAMP_S && typeof raw.seconds === 'bigint')
    return raw.seconds * 1_000_000n
  if (typeId === DuckDBTypeId.TIMESTAMP_NS && typeof raw.nanos === 'bigint')
    return raw.nanos / 1000n
  return undefined
}

/** The converter the DuckDB engine uses for every result value. */
export const jsonValueConverter: DuckDBValueConverter<Json> = (value, type, converter) => {
  if (value === null) return null
  if (INTEGER_IDS.has(type.typeId) && typeof value === 'bigint') return safeInteger(value)
  if (type.typeId === DuckDBTypeId.DECIMAL) return exactDecimal(String(value))
  if (type.typeId === DuckDBTypeId.BLOB) {
    const bytes = (value as { bytes?: unknown }).bytes
    if (bytes instanceof Uint8Array) return Buffer.from(bytes).toString('base64')
  }
  if (TIMESTAMP_IDS.has(type.typeId)) {
    const us = micros(value, type.typeId)
    const finite = (value as { isFinite?: boolean }).isFinite !== false
    if (us !== undefined && finite) {
      return isoFromMicros(us, type.typeId === DuckDBTypeId.TIMESTAMP_TZ)
    }
    return String(value)
  }
  return JsonDuckDBValueConverter(value, type, converter)
}
