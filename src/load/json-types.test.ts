import { describe, expect, it } from 'vitest'
import { inferColumnType, type KeyProfile } from './json-types.js'
import { newColumnType } from './column-types.js'

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

  it('leaves all-null keys and all-null arrays to the field catalogue', () => {
    expect(inferColumnType(profile([]))).toBeUndefined()
    expect(inferColumnType(profile(['ARRAY'], []))).toBeUndefined()
    expect(newColumnType('pit', 'stop_duration', profile([]))).toBe('DOUBLE')
    expect(newColumnType('laps', 'segments_sector_2', profile(['ARRAY']))).toBe('BIGINT[]')
    expect(newColumnType('intervals', 'gap_to_leader', profile(['DOUBLE']))).toBe('JSON')
    expect(newColumnType('some_new_endpoint', 'lap_number', profile([]))).toBe('BIGINT')
    expect(newColumnType('laps', 'some_future_field', profile([]))).toBe('VARCHAR')
  })

  it('gives catalogue fields the catalogue type whatever one file shows', () => {
    expect(newColumnType('weather', 'humidity', profile(['UBIGINT']))).toBe('DOUBLE')
    expect(newColumnType('laps', 'lap_number', profile(['DOUBLE']))).toBe('BIGINT')
    expect(newColumnType('laps', 'brand_new', profile(['UBIGINT', 'DOUBLE']))).toBe('DOUBLE')
  })
})
