import { describe, expect, it } from 'vitest'
import { inferColumnType, type KeyProfile } from './json-types.js'
import { knownType } from './known-types.js'

const profile = (types: string[], elementTypes: string[] = []): KeyProfile => ({
  key: 'k',
  types: new Set(types),
  elementTypes: new Set(elementTypes),
})

describe('inferColumnType', () => {
  it.each([
    [['UBIGINT'], [], 'BIGINT'],
    [['BIGINT', 'UBIGINT'], [], 'BIGINT'],
    [['UBIGINT', 'DOUBLE'], [], 'DOUBLE'],
    [['VARCHAR'], [], 'VARCHAR'],
    [['BOOLEAN'], [], 'BOOLEAN'],
    [['ARRAY'], ['UBIGINT'], 'BIGINT[]'],
    [['ARRAY'], ['DOUBLE', 'UBIGINT'], 'DOUBLE[]'],
    [['ARRAY'], ['VARCHAR', 'UBIGINT'], 'JSON'],
    [['OBJECT'], [], 'JSON'],
    [['DOUBLE', 'VARCHAR'], [], 'JSON'],
    [['DOUBLE', 'ARRAY'], ['DOUBLE'], 'JSON'],
    [['BOOLEAN', 'UBIGINT'], [], 'JSON'],
  ])('types %j (elements %j) as %s', (types, elements, expected) => {
    expect(inferColumnType(profile(types, elements))).toBe(expected)
  })

  it('leaves all-null keys and all-null arrays to the known types', () => {
    expect(inferColumnType(profile([]))).toBeUndefined()
    expect(inferColumnType(profile(['ARRAY'], []))).toBeUndefined()
    expect(knownType('stop_duration')).toBe('DOUBLE')
    expect(knownType('segments_sector_2')).toBe('BIGINT[]')
    expect(knownType('gap_to_leader')).toBe('JSON')
    expect(knownType('some_future_field')).toBe('VARCHAR')
  })
})
