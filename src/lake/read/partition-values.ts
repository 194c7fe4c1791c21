/**
 * @module lake/read/partition-values
 * Partition values as typed SQL constants (PROTOCOL.md Appendix "Partition Value Serialization";
 * PROTOCOL-NOTES §1.5). `null` and the empty string are NULL. Timestamps come in two forms: the
 * old `YYYY-MM-DD HH:MM:SS[.ffffff]` (read as UTC: the writer's session zone is not recorded) and
 * ISO-8601 with a zone (`…T…Z`); `timestamp_ntz` has no zone.
 */
import type { AddAction } from '../protocol/actions.js'
import {
  duckDbType,
  physicalName,
  type ColumnMappingMode,
  type DataType,
  type StructField,
} from '../protocol/schema.js'
import { sqlString } from '../sql-executor.js'

/** The raw partition value of `field` in a file (keyed by physical name under column mapping). */
export function rawPartitionValue(
  add: Pick<AddAction, 'partitionValues'>,
  field: StructField,
  mode: ColumnMappingMode,
): string | null {
  const pv = add.partitionValues ?? {}
  const phys = physicalName(field, mode)
  const v = phys in pv ? pv[phys] : pv[field.name]
  return v === undefined || v === '' ? null : v
}

/** A typed SQL literal for a raw partition value. */
export function partitionValueSql(raw: string | null, type: DataType): string {
  const t = duckDbType(type)
  if (raw === null) return `CAST(NULL AS ${t})`
  if (type === 'string') return sqlString(raw)
  if (type === 'binary') return `encode(${sqlString(raw)})`
  if (type === 'timestamp') return `CAST(${sqlString(timestampWithZone(raw))} AS TIMESTAMPTZ)`
  return `CAST(${sqlString(raw)} AS ${t})`
}

/** Adds `+00` to a zone-less timestamp so that the session time zone never matters. */
export function timestampWithZone(raw: string): string {
  const s = raw.trim()
  return /([zZ]|[+-]\d{2}(:?\d{2})?)$/.test(s) && /[T ]\d{2}:\d{2}/.test(s) ? s : `${s}+00`
}

/** The partition value as a JS value comparable with filter literals (for pruning). */
export function partitionValueJs(raw: string | null, type: DataType): unknown {
  if (raw === null) return null
  switch (type) {
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return Number(raw)
    case 'boolean':
      return raw === 'true'
    case 'timestamp':
      return Date.parse(timestampWithZone(raw).replace(' ', 'T').replace(/\+00$/, 'Z'))
    case 'timestamp_ntz':
      return Date.parse(`${raw.trim().replace(' ', 'T')}Z`)
    default:
      return typeof type === 'string' && type.startsWith('decimal') ? Number(raw) : raw
  }
}
