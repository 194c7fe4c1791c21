import { describe, expect, it } from 'vitest'
import { parseIntervalMs } from './intervals.js'

describe('parseIntervalMs', () => {
  it('parses Spark interval texts', () => {
    expect(parseIntervalMs('interval 1 days')).toBe(86_400_000)
    expect(parseIntervalMs('interval 1 week')).toBe(604_800_000)
    expect(parseIntervalMs('168 hours')).toBe(604_800_000)
    expect(parseIntervalMs('interval 1 day 2 hours')).toBe(93_600_000)
  })

  it('returns undefined for anything else', () => {
    expect(parseIntervalMs(undefined)).toBeUndefined()
    expect(parseIntervalMs('soon')).toBeUndefined()
    expect(parseIntervalMs('interval 3 fortnights')).toBeUndefined()
  })
})
