import { describe, expect, it } from 'vitest'
import type { MetadataAction } from '../protocol/actions.js'
import { UnsupportedFeatureError } from '../lake-errors.js'
import { parseIntervalHours } from '../log/retention.js'
import type { StructType } from '../protocol/schema.js'
import { reconcileSchema } from '../write/schema-merge.js'
import { checkWritable, requiredProtocol } from './writer-protocol.js'

const schema = (...fields: [string, string][]): StructType => ({
  type: 'struct',
  fields: fields.map(([name, type]) => ({ name, type, nullable: true, metadata: {} })),
})

describe('requiredProtocol', () => {
  it('is (1,2) by default and lists exactly the features in use otherwise', () => {
    expect(requiredProtocol(schema(['a', 'long']), {})).toEqual({
      minReaderVersion: 1,
      minWriterVersion: 2,
    })
    expect(
      requiredProtocol(schema(['a', 'long']), { 'delta.enableChangeDataFeed': 'true' }),
    ).toEqual({
      minReaderVersion: 1,
      minWriterVersion: 7,
      writerFeatures: ['changeDataFeed'],
    })
    expect(
      requiredProtocol(schema(['a', 'long']), { 'delta.enableInCommitTimestamps': 'true' }),
    ).toEqual({
      minReaderVersion: 1,
      minWriterVersion: 7,
      writerFeatures: ['inCommitTimestamp'],
    })
    expect(requiredProtocol(schema(['t', 'timestamp_ntz']), {})).toEqual({
      minReaderVersion: 3,
      minWriterVersion: 7,
      readerFeatures: ['timestampNtz'],
      writerFeatures: ['timestampNtz'],
    })
  })
})

describe('checkWritable', () => {
  const meta = (configuration: Record<string, string>): MetadataAction => ({
    id: 'x',
    format: { provider: 'parquet' },
    schemaString: JSON.stringify(schema(['a', 'long'])),
    partitionColumns: [],
    configuration,
  })
  it('refuses unknown writer features, column mapping and CHECK constraints', () => {
    const p7 = { minReaderVersion: 1, minWriterVersion: 7, writerFeatures: ['rowTracking'] }
    expect(() => checkWritable(p7, meta({}), 't')).toThrow(UnsupportedFeatureError)
    expect(() =>
      checkWritable(
        { minReaderVersion: 2, minWriterVersion: 5 },
        meta({ 'delta.columnMapping.mode': 'name' }),
        't',
      ),
    ).toThrow(/column mapping/)
    expect(() =>
      checkWritable(
        { minReaderVersion: 1, minWriterVersion: 3 },
        meta({ 'delta.constraints.pos': 'a > 0' }),
        't',
      ),
    ).toThrow(/CHECK constraint/)
    expect(() =>
      checkWritable({ minReaderVersion: 1, minWriterVersion: 2 }, meta({}), 't'),
    ).not.toThrow()
  })
})

describe('reconcileSchema and intervals', () => {
  it('widens numbers, adds columns only with mergeSchema, and names both types on a conflict', () => {
    expect(reconcileSchema(schema(['a', 'long']), schema(['a', 'integer'])).changed).toBe(false)
    expect(() =>
      reconcileSchema(schema(['a', 'double']), schema(['a', 'decimal(2,1)'])),
    ).not.toThrow()
    expect(() => reconcileSchema(schema(['a', 'decimal(10,2)']), schema(['a', 'integer']))).toThrow(
      /decimal/,
    )
    expect(() =>
      reconcileSchema(schema(['a', 'decimal(12,2)']), schema(['a', 'integer'])),
    ).not.toThrow()
    expect(() => reconcileSchema(schema(['a', 'long']), schema(['b', 'long']))).toThrow(
      /mergeSchema/,
    )
    expect(
      reconcileSchema(schema(['a', 'long']), schema(['B', 'long']), { mergeSchema: true }).added,
    ).toEqual(['B'])
    expect(() => reconcileSchema(schema(['a', 'integer']), schema(['A', 'string']))).toThrow(
      "column 'a' has type integer in the table but string in the data",
    )
  })

  it('parses Delta interval strings', () => {
    expect(parseIntervalHours('interval 1 week')).toBe(168)
    expect(parseIntervalHours('interval 30 days')).toBe(720)
    expect(parseIntervalHours('168h')).toBe(168)
    expect(parseIntervalHours('7d')).toBe(168)
    expect(() => parseIntervalHours('soon')).toThrow(/not an interval/)
  })
})
