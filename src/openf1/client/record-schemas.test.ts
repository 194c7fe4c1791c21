import { describe, expect, it } from 'vitest'
import { checkRecords, RECORD_SCHEMAS } from './record-schemas.js'

describe('checkRecords', () => {
  it('accepts quirks: nulls, missing and unknown fields, mixed gap types', () => {
    const rows = [
      { driver_number: 14, gap_to_leader: '+1 LAP', interval: null },
      { driver_number: 1, gap_to_leader: 0.229, interval: 0.128, brand_new_field: 'kept' },
      { driver_number: 3 },
    ]
    expect(checkRecords('intervals', rows)).toEqual({ invalid: 0, issues: [] })
    expect(
      checkRecords('session_result', [{ duration: [90.519, 90.262, null], position: null }])
        .invalid,
    ).toBe(0)
  })

  it('reports wrong types with their record and field instead of throwing', () => {
    const rows = [
      { lap_number: 1 },
      { lap_number: '2' },
      'not a record',
      { segments_sector_1: [2048, 'x'] },
    ]
    const check = checkRecords('laps', rows)
    expect(check.invalid).toBe(3)
    expect(check.issues[0]).toMatchObject({ index: 1, path: 'lap_number' })
    expect(check.issues.map((i) => i.index)).toEqual([1, 2, 3])
  })

  it('keeps unknown fields when parsing', () => {
    const parsed = RECORD_SCHEMAS.meetings.parse({ meeting_key: 1, meeting_code: 'SGP' })
    expect(parsed).toEqual({ meeting_key: 1, meeting_code: 'SGP' })
  })
})
