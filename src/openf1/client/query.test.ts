import { describe, expect, it } from 'vitest'
import { buildQuery, buildUrl, where } from './query.js'

describe('buildQuery', () => {
  it('keeps operators literal and encodes fields and values', () => {
    const q = buildQuery([
      where.eq('session_key', 9550),
      where.gte('date', '2024-06-30T13:00:00+00:00'),
      where.lt('date', '2024-06-30T14:00:00'),
    ])
    expect(q).toBe(
      'session_key=9550&date>=2024-06-30T13%3A00%3A00%2B00%3A00&date<2024-06-30T14%3A00%3A00',
    )
    expect(q).not.toContain('%3E%3D=')
  })

  it('repeats a field for OR and supports latest and csv', () => {
    expect(
      buildQuery([...where.anyOf('driver_number', [1, 4]), where.latest('session_key')], {
        csv: true,
      }),
    ).toBe('driver_number=1&driver_number=4&session_key=latest&csv=true')
  })

  it('joins base URL and endpoint with one slash', () => {
    expect(buildUrl('http://x/v1/', 'laps', [])).toBe('http://x/v1/laps')
    expect(buildUrl('http://x/v1', 'laps', [where.eq('lap_number', 8)])).toBe(
      'http://x/v1/laps?lap_number=8',
    )
  })
})
