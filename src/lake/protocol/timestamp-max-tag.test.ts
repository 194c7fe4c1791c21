import { describe, expect, it } from 'vitest'
import type { AddAction } from './actions.js'
import {
  exactTimestampMax,
  microsText,
  TIMESTAMP_MAX_TAG,
  timestampMaxTag,
  timestampMicros,
} from './timestamp-max-tag.js'

const add = (tag: string | undefined, dv = 0): AddAction => ({
  path: 'part-0.parquet',
  partitionValues: {},
  size: 1,
  modificationTime: 0,
  dataChange: true,
  ...(tag === undefined ? {} : { tags: { [TIMESTAMP_MAX_TAG]: tag } }),
  ...(dv === 0
    ? {}
    : {
        deletionVector: { storageType: 'i', pathOrInlineDv: 'x', sizeInBytes: 1, cardinality: dv },
      }),
})

describe('timestamp max tag', () => {
  it('reads DuckDB timestamp text to the microsecond, whatever the offset or separator', () => {
    const base = BigInt(Date.UTC(2026, 11, 2, 15, 21, 3)) * 1000n
    expect(timestampMicros('2026-12-02 15:21:03.348123+00')).toBe(base + 348_123n)
    expect(timestampMicros('2026-12-02T15:21:03.348123Z')).toBe(base + 348_123n)
    expect(timestampMicros('2026-12-02 15:21:03')).toBe(base)
    expect(timestampMicros('2026-12-02 15:21:03.3')).toBe(base + 300_000n)
    // Digits past the microsecond are dropped; an offset moves the instant.
    expect(timestampMicros('2026-12-02 15:21:03.348123999+00')).toBe(base + 348_123n)
    expect(timestampMicros('2026-12-02 17:21:03.000001+02:00')).toBe(base + 1n)
    expect(timestampMicros('2026-12-02 10:51:03.000001-0430')).toBe(base + 1n)
    // Years below 100 are years, not 1900 + year.
    expect(timestampMicros('0042-01-01 00:00:00+00')).toBe(
      BigInt(new Date('0042-01-01T00:00:00Z').getTime()) * 1000n,
    )
    expect(timestampMicros('not a time')).toBeUndefined()
    expect(timestampMicros('2026-12-02 15:21:03 (BC)')).toBeUndefined()
  })

  it('writes microseconds back as a literal that reads the same, before the epoch too', () => {
    for (const text of [
      '2026-12-02 15:21:03.348123+00',
      '1970-01-01 00:00:00.000000+00',
      '1969-12-31 23:59:59.999999+00',
      '1901-06-15 12:00:00.000001+00',
    ]) {
      const us = timestampMicros(text)!
      expect(microsText(us)).toBe(text)
      expect(timestampMicros(microsText(us))).toBe(us)
    }
  })

  it('tells an exact max from an upper bound, a file without a value, and no knowledge', () => {
    const tag = timestampMaxTag(
      new Map([
        ['ingested_at', 1_764_688_863_348_123n],
        ['gone', null],
      ]),
    )!
    expect(JSON.parse(tag)).toEqual({ ingested_at: '1764688863348123', gone: null })
    expect(exactTimestampMax(add(tag), 'ingested_at')).toEqual({
      max: 1_764_688_863_348_123n,
      exact: true,
    })
    expect(exactTimestampMax(add(tag), 'gone')).toEqual({ max: null, exact: true })
    // A deletion vector may have removed the newest row: the value is an upper bound only.
    expect(exactTimestampMax(add(tag, 2), 'ingested_at')?.exact).toBe(false)
    // Unknown column, no tag, a damaged tag, a value that is not an integer: nothing is known.
    expect(exactTimestampMax(add(tag), 'other')).toBeUndefined()
    expect(exactTimestampMax(add(undefined), 'ingested_at')).toBeUndefined()
    expect(exactTimestampMax(add('{"ingested_at":'), 'ingested_at')).toBeUndefined()
    expect(exactTimestampMax(add('{"ingested_at":"1.5"}'), 'ingested_at')).toBeUndefined()
    expect(timestampMaxTag(new Map())).toBeUndefined()
  })
})
