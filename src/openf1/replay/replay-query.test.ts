import { describe, expect, it } from 'vitest'
import { compileQuery, parseDate, parseQuery } from './replay-query.js'

const pick = (raw: string, records: Record<string, unknown>[]): unknown[] =>
  records.filter(compileQuery(parseQuery(raw).terms))

const laps = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ lap_number: n, driver_number: n % 2 ? 1 : 4 }))

describe('replay query semantics', () => {
  it('ORs repeated equalities and ANDs different fields', () => {
    expect(pick('driver_number=1&driver_number=4&lap_number=3', laps)).toEqual([
      { lap_number: 3, driver_number: 1 },
    ])
    expect(pick('driver_number=4', laps)).toHaveLength(4)
  })

  it('pairs bounds into ranges and ORs the ranges', () => {
    const got = pick('lap_number>=2&lap_number<=3&lap_number>=7&lap_number<=8', laps)
    expect(got.map((r) => (r as { lap_number: number }).lap_number)).toEqual([2, 3, 7, 8])
  })

  it('widens date-only bounds to whole days', () => {
    const rows = [
      '2024-06-29T23:59:59+00:00',
      '2024-06-30T00:00:00+00:00',
      '2024-06-30T23:59:59.5+00:00',
      '2024-07-01T00:00:00+00:00',
    ].map((date) => ({ date }))
    expect(pick('date=2024-06-30', rows)).toEqual(rows.slice(1, 3))
    expect(pick('date>2024-06-29', rows)).toEqual(rows.slice(1))
    expect(pick('date<=2024-06-30', rows)).toEqual(rows.slice(0, 3))
  })

  it('splits on the first operator, so an encoded URLSearchParams-style key matches nothing', () => {
    const rows = [{ date: '2024-06-30T13:00:00+00:00' }]
    expect(pick('date%3E%3D2024-06-30T12%3A00%3A00', rows)).toEqual(rows)
    expect(pick('date%3E%3D=2024-06-30T12%3A00%3A00', rows)).toEqual([])
  })

  it('patches an unencoded + offset back and reads csv=true as a switch', () => {
    const q = parseQuery('date>2024-06-30T12:00:00+00:00&csv=true')
    expect(q.csv).toBe(true)
    expect(q.terms).toEqual([
      { field: 'date', op: '>', value: { date: Date.parse('2024-06-30T12:00:00Z') } },
    ])
    expect(parseDate('2024-06-30T13:04:14.597000+00:00')).toBe(
      Date.parse('2024-06-30T13:04:14.597Z'),
    )
  })

  it('never casts team_colour', () => {
    expect(pick('team_colour=3671C6', [{ team_colour: '3671C6' }, { team_colour: 3671 }])).toEqual([
      { team_colour: '3671C6' },
    ])
  })
})
