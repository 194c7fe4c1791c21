import { describe, expect, it } from 'vitest'
import { parseTimestamp } from './freshness.js'

describe('parseTimestamp', () => {
  it('reads naive timestamps as UTC and honours offsets DuckDB prints', () => {
    const utc = Date.UTC(2024, 5, 1, 10, 0, 0)
    expect(parseTimestamp('2024-06-01 10:00:00')).toBe(utc)
    expect(parseTimestamp('2024-06-01 10:00:00.000')).toBe(utc)
    expect(parseTimestamp('2024-06-01 12:00:00+02')).toBe(utc)
    expect(parseTimestamp('2024-06-01 15:30:00+05:30')).toBe(utc)
    expect(parseTimestamp('2024-06-01T10:00:00Z')).toBe(utc)
    expect(parseTimestamp('2024-06-01 08:00:00-02')).toBe(utc)
    expect(parseTimestamp('2024-06-01')).toBe(Date.UTC(2024, 5, 1))
  })
})
