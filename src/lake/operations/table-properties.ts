/**
 * @module lake/operations/table-properties
 * The `delta.*` table properties pitwall knows, checked the same way when a table is created and
 * when its properties are set: a typo (`delta.enableChangeDataFeeds`) or an invalid value is an
 * error naming the key, never a property that silently does nothing. Properties whose feature
 * pitwall's writer cannot maintain (column mapping, row tracking, v2 checkpoints) are refused
 * with an {@link UnsupportedFeatureError} — a table must never claim a feature its protocol does
 * not declare and its writer does not honour. Keys outside `delta.` (`quality`, …) are free-form.
 */
import { DeltaError, UnsupportedFeatureError } from '../lake-errors.js'
import { parseIntervalHours } from '../log/retention.js'

const BOOLEAN = [
  'delta.enableInCommitTimestamps',
  'delta.enableChangeDataFeed',
  'delta.appendOnly',
  'delta.enableExpiredLogCleanup',
  'delta.enableDeletionVectors',
  'delta.checkpoint.writeStatsAsJson',
  'delta.checkpoint.writeStatsAsStruct',
]
const INTERVAL = [
  'delta.deletedFileRetentionDuration',
  'delta.logRetentionDuration',
  'delta.setTransactionRetentionDuration',
]
const INTEGER = [
  'delta.checkpointInterval',
  'delta.dataSkippingNumIndexedCols',
  'delta.targetFileSize',
]
const FREE = ['delta.dataSkippingStatsColumns']
/** Properties with a fixed set of values. */
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  // Honoured by the conflict checker (Serializable also conflicts with blind appends).
  'delta.isolationLevel': ['Serializable', 'WriteSerializable'],
}
/**
 * Known properties whose feature the writer does not maintain: the value it can honour, and why
 * it refuses any other.
 */
const UNSUPPORTED: Readonly<Record<string, { readonly ok: string; readonly why: string }>> = {
  'delta.columnMapping.mode': {
    ok: 'none',
    why: 'pitwall writes tables without column mapping (physical names and field ids)',
  },
  'delta.enableRowTracking': {
    ok: 'false',
    why: 'pitwall does not assign row ids (baseRowId, defaultRowCommitVersion)',
  },
  'delta.checkpointPolicy': {
    ok: 'classic',
    why: 'pitwall writes classic checkpoints only, not v2 checkpoints',
  },
}

const KNOWN = [...BOOLEAN, ...INTERVAL, ...INTEGER, ...FREE, ...Object.keys(ENUMS)]

/**
 * Checks one property.
 * @throws DeltaError naming the key and the expected value; UnsupportedFeatureError for a
 *   feature the writer cannot maintain.
 */
export function validateProperty(key: string, value: string): void {
  if (!key.startsWith('delta.')) return
  const bad = (expected: string): never => {
    throw new DeltaError(
      'invalid-table-property',
      `table property ${key}='${value}' is invalid: expected ${expected}`,
    )
  }
  const unsupported = UNSUPPORTED[key]
  const allowed = ENUMS[key]
  if (unsupported !== undefined) {
    if (value !== unsupported.ok) {
      throw new UnsupportedFeatureError(
        `table property ${key}='${value}' is not supported: ${unsupported.why}`,
        { hint: `leave ${key} unset (or '${unsupported.ok}'), or create the table with Spark` },
      )
    }
  } else if (allowed !== undefined) {
    if (!allowed.includes(value)) bad(allowed.map((v) => `'${v}'`).join(' or '))
  } else if (BOOLEAN.includes(key)) {
    if (value !== 'true' && value !== 'false') bad("'true' or 'false'")
  } else if (INTERVAL.includes(key)) {
    try {
      parseIntervalHours(value)
    } catch {
      bad("an interval such as 'interval 7 days'")
    }
  } else if (INTEGER.includes(key)) {
    if (!/^-?\d+$/.test(value)) bad('an integer')
  } else if (!FREE.includes(key)) {
    throw new DeltaError('unknown-table-property', `unknown Delta table property ${key}`, {
      hint: `known: ${KNOWN.join(', ')}`,
    })
  }
}

/** Checks every property of a configuration (see {@link validateProperty}). */
export function validateConfiguration(configuration: Readonly<Record<string, string>>): void {
  for (const [k, v] of Object.entries(configuration)) validateProperty(k, v)
}
