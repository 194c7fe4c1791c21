import { describe, expect, it } from 'vitest'
import {
  partitionValueJs,
  partitionValueSql,
  rawPartitionValue,
  timestampWithZone,
} from './partition-values.js'

describe('partition values', () => {
  it('reads null and the empty string as NULL', () => {
    const field = { name: 'k', type: 'string', nullable: true, metadata: {} }
    expect(rawPartitionValue({ partitionValues: { k: null } }, field, 'none')).toBeNull()
    expect(rawPartitionValue({ partitionValues: { k: '' } }, field, 'none')).toBeNull()
    expect(partitionValueSql(null, 'integer')).toBe('CAST(NULL AS INTEGER)')
  })

  it('looks partition values up by physical name under column mapping', () => {
    const field = {
      name: 'k',
      type: 'string',
      nullable: true,
      metadata: { 'delta.columnMapping.physicalName': 'col-1' },
    }
    expect(rawPartitionValue({ partitionValues: { 'col-1': 'x' } }, field, 'name')).toBe('x')
  })

  it('reads both timestamp forms as instants independent of the session zone', () => {
    expect(timestampWithZone('2021-09-08 11:11:11')).toBe('2021-09-08 11:11:11+00')
    expect(timestampWithZone('1970-01-01T00:00:00.123456Z')).toBe('1970-01-01T00:00:00.123456Z')
    expect(partitionValueSql('2021-09-08 11:11:11', 'timestamp')).toBe(
      `CAST('2021-09-08 11:11:11+00' AS TIMESTAMPTZ)`,
    )
    expect(partitionValueJs('2021-09-08 11:11:11', 'timestamp')).toBe(
      Date.parse('2021-09-08T11:11:11Z'),
    )
    expect(partitionValueJs('2021-09-08T11:11:11.000Z', 'timestamp')).toBe(
      Date.parse('2021-09-08T11:11:11Z'),
    )
    expect(partitionValueSql('2021-11-18 02:30:00.123456', 'timestamp_ntz')).toBe(
      `CAST('2021-11-18 02:30:00.123456' AS TIMESTAMP)`,
    )
  })

  it('quotes strings and casts other types', () => {
    expect(partitionValueSql("it's", 'string')).toBe(`'it''s'`)
    expect(partitionValueSql('1.50', 'decimal(5,2)')).toBe(`CAST('1.50' AS DECIMAL(5,2))`)
    expect(partitionValueJs('true', 'boolean')).toBe(true)
  })
})
