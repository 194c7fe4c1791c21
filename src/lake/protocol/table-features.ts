/**
 * @module lake/protocol/table-features
 * Which protocol versions and reader features the reader implements (PROTOCOL.md "Table
 * Features"; PROTOCOL-NOTES §0.2). Anything else is refused before any data is read, so a table
 * is never misread.
 */
import { UnsupportedFeatureError } from '../lake-errors.js'
import type { ProtocolAction } from './actions.js'

/** Reader features pitwall honours when reading. */
export const SUPPORTED_READER_FEATURES: ReadonlySet<string> = new Set([
  'columnMapping',
  'deletionVectors',
  'timestampNtz',
  'v2Checkpoint',
  'vacuumProtocolCheck',
  'typeWidening',
  'typeWidening-preview',
])

/** Highest legacy reader version understood without a feature list. */
export const MAX_READER_VERSION = 3

/** The reader features a protocol requires (legacy versions imply theirs). */
export function readerFeatures(protocol: ProtocolAction): readonly string[] {
  if (protocol.minReaderVersion >= 3) return protocol.readerFeatures ?? []
  if (protocol.minReaderVersion === 2) return ['columnMapping']
  return []
}

/** True when the table lists `feature` as a reader or writer feature. */
export function hasFeature(protocol: ProtocolAction, feature: string): boolean {
  return (
    (protocol.readerFeatures ?? []).includes(feature) ||
    (protocol.writerFeatures ?? []).includes(feature)
  )
}

/**
 * Refuses a protocol the reader cannot honour.
 * @throws UnsupportedFeatureError naming the version or the features and the table.
 */
export function checkReadSupported(protocol: ProtocolAction, table: string): void {
  const v = protocol.minReaderVersion
  if (!Number.isInteger(v) || v < 1 || v > MAX_READER_VERSION) {
    throw new UnsupportedFeatureError(
      `table ${table} needs Delta reader version ${v}; pitwall reads versions 1 to ${MAX_READER_VERSION}`,
      { context: { table, minReaderVersion: v } },
    )
  }
  if (v === 3 && !Array.isArray(protocol.readerFeatures)) {
    throw new UnsupportedFeatureError(
      `table ${table} has reader version 3 but no readerFeatures list (invalid protocol)`,
      { context: { table } },
    )
  }
  const missing = readerFeatures(protocol).filter((f) => !SUPPORTED_READER_FEATURES.has(f))
  if (missing.length > 0) {
    throw new UnsupportedFeatureError(
      `table ${table} needs reader feature(s) ${missing.join(', ')} that pitwall does not implement`,
      {
        context: { table, features: missing },
        hint: `pitwall reads tables with ${[...SUPPORTED_READER_FEATURES].join(', ')}; read this table with Spark or delta-rs`,
      },
    )
  }
}
