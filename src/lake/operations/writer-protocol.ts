/**
 * @module lake/operations/writer-protocol
 * What pitwall's writer honours (PROTOCOL-NOTES §0.3, §1.16), checked before every write and again
 * on every retry: a table whose writer features we cannot fully honour is refused, never corrupted.
 * Also the protocol a new table gets (§0.1): `(1,2)` unless a feature asks for more, and then
 * table features (`(x,7)` with explicit lists).
 */
import type { MetadataAction, ProtocolAction } from '../protocol/actions.js'
import { UnsupportedFeatureError } from '../lake-errors.js'
import type { StructField, StructType } from '../protocol/schema.js'
import { parseSchema } from '../protocol/schema.js'

/** Writer features pitwall honours (some only while unused, see {@link checkWritable}). */
export const SUPPORTED_WRITER_FEATURES: ReadonlySet<string> = new Set([
  'appendOnly',
  'invariants',
  'checkConstraints',
  'changeDataFeed',
  'generatedColumns',
  'identityColumns',
  'columnMapping',
  'timestampNtz',
  'deletionVectors',
  'vacuumProtocolCheck',
  'domainMetadata',
  'inCommitTimestamp',
])

/** Writer features implied by a legacy writer version (PROTOCOL-NOTES §0.1). */
export function legacyWriterFeatures(minWriterVersion: number): string[] {
  const out: string[] = []
  if (minWriterVersion >= 2) out.push('appendOnly', 'invariants')
  if (minWriterVersion >= 3) out.push('checkConstraints')
  if (minWriterVersion >= 4) out.push('changeDataFeed', 'generatedColumns')
  if (minWriterVersion >= 5) out.push('columnMapping')
  if (minWriterVersion >= 6) out.push('identityColumns')
  return out
}

/** The writer features a protocol requires. */
export function writerFeatures(protocol: ProtocolAction): string[] {
  return protocol.minWriterVersion >= 7
    ? [...(protocol.writerFeatures ?? [])]
    : legacyWriterFeatures(protocol.minWriterVersion)
}

function leaves(fields: readonly StructField[]): StructField[] {
  return fields.flatMap((f) =>
    typeof f.type !== 'string' && f.type.type === 'struct' ? [f, ...leaves(f.type.fields)] : [f],
  )
}

/**
 * Refuses to write `table` when its protocol or metadata needs something pitwall does not do.
 * @throws UnsupportedFeatureError naming the feature and what to use instead.
 */
export function checkWritable(
  protocol: ProtocolAction,
  metadata: MetadataAction,
  table: string,
): void {
  if (protocol.minWriterVersion > 7) {
    throw new UnsupportedFeatureError(
      `table ${table} needs Delta writer version ${protocol.minWriterVersion}; pitwall writes up to 7`,
    )
  }
  const unknown = writerFeatures(protocol).filter((f) => !SUPPORTED_WRITER_FEATURES.has(f))
  if (unknown.length > 0) {
    throw new UnsupportedFeatureError(
      `table ${table} needs writer feature(s) ${unknown.join(', ')} that pitwall does not implement`,
      { hint: 'write this table with Spark or delta-rs; pitwall can still read it' },
    )
  }
  const mode = metadata.configuration['delta.columnMapping.mode'] ?? 'none'
  if (mode !== 'none') {
    throw new UnsupportedFeatureError(
      `table ${table} uses column mapping (${mode}); pitwall writes only tables without column mapping`,
    )
  }
  for (const key of Object.keys(metadata.configuration)) {
    if (key.startsWith('delta.constraints.')) {
      throw new UnsupportedFeatureError(
        `table ${table} has CHECK constraint ${key}; pitwall does not evaluate constraints on write`,
      )
    }
  }
  const schema: StructType = parseSchema(metadata.schemaString)
  for (const f of leaves(schema.fields)) {
    for (const key of [
      'delta.invariants',
      'delta.generationExpression',
      'delta.identity.start',
      'CURRENT_DEFAULT',
    ]) {
      if (key in f.metadata) {
        throw new UnsupportedFeatureError(
          `column '${f.name}' of ${table} has ${key}; pitwall does not enforce it on write`,
        )
      }
    }
  }
}

/** True when the table is append-only (`delta.appendOnly=true`). */
export function isAppendOnly(metadata: MetadataAction): boolean {
  return metadata.configuration['delta.appendOnly'] === 'true'
}

/** True when change data feed is on. */
export function cdfEnabled(metadata: MetadataAction): boolean {
  return metadata.configuration['delta.enableChangeDataFeed'] === 'true'
}

function hasNtz(schema: StructType): boolean {
  const has = (t: unknown): boolean => {
    if (t === 'timestamp_ntz') return true
    if (typeof t !== 'object' || t === null) return false
    const o = t as {
      type: string
      fields?: StructField[]
      elementType?: unknown
      keyType?: unknown
      valueType?: unknown
    }
    if (o.type === 'struct') return (o.fields ?? []).some((f) => has(f.type))
    if (o.type === 'array') return has(o.elementType)
    return has(o.keyType) || has(o.valueType)
  }
  return schema.fields.some((f) => has(f.type))
}

/**
 * The minimal protocol for a table with `schema` and `configuration`: `(1,2)` by default; table
 * features `(1,7)` / `(3,7)` listing exactly what is used when CDF, append-only, deletion vectors
 * or timestamp_ntz ask for more. Never lower than `current` (features are never removed).
 */
export function requiredProtocol(
  schema: StructType,
  configuration: Readonly<Record<string, string>>,
  current?: ProtocolAction,
): ProtocolAction {
  const reader = new Set<string>(
    current?.minReaderVersion === 3 ? (current.readerFeatures ?? []) : [],
  )
  const writer = new Set<string>(current === undefined ? [] : writerFeatures(current))
  if (configuration['delta.enableChangeDataFeed'] === 'true') writer.add('changeDataFeed')
  if (configuration['delta.appendOnly'] === 'true') writer.add('appendOnly')
  if (configuration['delta.enableInCommitTimestamps'] === 'true') writer.add('inCommitTimestamp')
  if (configuration['delta.enableDeletionVectors'] === 'true') {
    reader.add('deletionVectors')
    writer.add('deletionVectors')
  }
  if (hasNtz(schema)) {
    reader.add('timestampNtz')
    writer.add('timestampNtz')
  }
  const legacy = new Set(legacyWriterFeatures(current?.minWriterVersion ?? 2))
  const needsFeatures = [...writer].some((f) => !legacy.has(f)) || reader.size > 0
  if (!needsFeatures && (current === undefined || current.minWriterVersion < 7)) {
    return current ?? { minReaderVersion: 1, minWriterVersion: 2 }
  }
  if (current !== undefined && current.minWriterVersion < 7) {
    for (const f of legacy) writer.add(f)
  }
  const readerVersion = reader.size > 0 ? 3 : Math.max(1, current?.minReaderVersion ?? 1)
  return {
    minReaderVersion: readerVersion,
    minWriterVersion: 7,
    ...(readerVersion === 3 ? { readerFeatures: [...reader].sort() } : {}),
    writerFeatures: [...writer].sort(),
  }
}
