import { describe, expect, it } from 'vitest'
import { formatTimestamp, statsFromFooter, type FooterColumnChunk } from './file-stats.js'
import type { DeltaSchema } from './delta-types.js'

const chunk = (
  rg: number,
  rows: number,
  path: string,
  min: string | null,
  max: string | null,
  nulls: number,
): FooterColumnChunk => ({
  row_group_id: rg,
  row_group_num_rows: rows,
  path_in_schema: path,
  stats_min_value: min,
  stats_max_value: max,
  stats_null_count: nulls,
})

const field = (name: string, type: DeltaSchema['fields'][number]['type']) => ({
  name,
  type,
  nullable: true,
  metadata: {},
})

describe('statsFromFooter', () => {
  it('aggregates row groups, truncates strings to 32 characters and skips booleans', () => {
    const schema: DeltaSchema = {
      type: 'struct',
      fields: [
        field('n', 'long'),
        field('s', 'string'),
        field('b', 'boolean'),
        field('e', 'integer'),
      ],
    }
    const long = 'x'.repeat(40)
    const stats = JSON.parse(
      statsFromFooter(schema, [
        chunk(0, 2, 'n', '5', '9', 0),
        chunk(1, 3, 'n', '-3', '7', 1),
        chunk(0, 2, 's', 'a', long, 0),
        chunk(1, 3, 's', 'b', 'c', 0),
        chunk(0, 2, 'b', 'false', 'true', 0),
        chunk(1, 3, 'b', 'false', 'true', 0),
        chunk(0, 2, 'e', null, null, 2),
        chunk(1, 3, 'e', null, null, 3),
      ]),
    ) as Record<string, Record<string, unknown>>
    expect(stats['numRecords']).toBe(5)
    expect(stats['minValues']).toEqual({ n: -3, s: 'a' })
    expect(stats['maxValues']).toEqual({ n: 9, s: `${'x'.repeat(32)}\u{10FFFF}` })
    expect(stats['nullCount']).toEqual({ n: 1, s: 0, b: 0, e: 5 })
  })

  it('keeps only the first numIndexedCols leaf columns and nests struct leaves', () => {
    const schema: DeltaSchema = {
      type: 'struct',
      fields: [
        field('st', { type: 'struct', fields: [field('a', 'integer'), field('b', 'integer')] }),
        field('c', 'integer'),
      ],
    }
    const stats = JSON.parse(
      statsFromFooter(
        schema,
        [
          chunk(0, 1, 'st, a', '1', '1', 0),
          chunk(0, 1, 'st, b', '2', '2', 0),
          chunk(0, 1, 'c', '3', '3', 0),
        ],
        { numIndexedCols: 2 },
      ),
    ) as Record<string, unknown>
    expect(stats['minValues']).toEqual({ st: { a: 1, b: 2 } })
    expect(stats['nullCount']).toEqual({ st: { a: 0, b: 0 } })
  })

  it('keeps string bounds around every value in UTF-8 byte order, also across row groups', () => {
    const utf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b))
    const pieces = [
      'a',
      'Z',
      'é',
      'ß',
      '中',
      '文',
      '😀',
      '🏎',
      '\uFFFF',
      '\uFFFD',
      '\u{10FFFF}',
      ' ',
    ]
    // Deterministic pseudo-random strings of 20–45 characters mixing all of the above.
    let seed = 7
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return (seed >>> 12) % n
    }
    const values = Array.from({ length: 400 }, () =>
      Array.from({ length: 20 + next(26) }, () => pieces[next(pieces.length)]).join(''),
    )
    // Values around the 32-character cut: the 33rd character above U+FFFD, or U+10FFFF itself.
    const base = 'q'.repeat(32)
    values.push(`${base}😀`, `${base}\uFFFF`, `${base}\u{10FFFF}\u{10FFFF}z`, `${base}\u{10FFFF}`)
    const schema: DeltaSchema = { type: 'struct', fields: [field('s', 'string')] }
    for (let start = 0; start < values.length; start += 8) {
      const group = values.slice(start, start + 8)
      // Each value its own row group: the file's bound comes from comparing row groups.
      const chunks = group.map((v, i) => chunk(i, 1, 's', v, v, 0))
      const stats = JSON.parse(statsFromFooter(schema, chunks)) as {
        minValues: { s: string }
        maxValues: { s: string }
      }
      for (const v of group) {
        expect(utf8(stats.minValues.s, v), `min ≤ ${v}`).toBeLessThanOrEqual(0)
        expect(utf8(v, stats.maxValues.s), `${v} ≤ max`).toBeLessThanOrEqual(0)
      }
    }
  })

  it('truncates a long maximum as Delta-Spark: the shortest prefix that stays an upper bound', () => {
    const schema: DeltaSchema = { type: 'struct', fields: [field('s', 'string')] }
    const max = (v: string): string =>
      (
        JSON.parse(statsFromFooter(schema, [chunk(0, 1, 's', v, v, 0)])) as {
          maxValues: { s: string }
        }
      ).maxValues.s
    const base = 'q'.repeat(32)
    expect(max(`${base}😀tail`)).toBe(`${base}\u{10FFFF}`)
    // A U+10FFFF at the cut cannot be out-bid: the prefix grows past it.
    expect(max(`${base}\u{10FFFF}abc`)).toBe(`${base}\u{10FFFF}\u{10FFFF}`)
    expect(max(`${base}\u{10FFFF}`)).toBe(`${base}\u{10FFFF}`)
    expect(max(`${'é'.repeat(40)}`)).toBe(`${'é'.repeat(32)}\u{10FFFF}`)
  })

  it('formats timestamps with milliseconds, UTC with Z and ntz without', () => {
    expect(formatTimestamp('2023-06-15 12:30:00.123456+00', true)).toBe('2023-06-15T12:30:00.123Z')
    expect(formatTimestamp('2023-06-15 14:30:00+02', true)).toBe('2023-06-15T12:30:00.000Z')
    expect(formatTimestamp('2023-06-15 12:30:00', false)).toBe('2023-06-15T12:30:00.000')
    expect(formatTimestamp('infinity', true)).toBeUndefined()
    // Cut to the millisecond on the wall clock, before the epoch too; years past 9999 have no stat.
    expect(formatTimestamp('1969-12-31 23:59:59.999999+00', true)).toBe('1969-12-31T23:59:59.999Z')
    expect(formatTimestamp('10000-01-01 00:00:00+00', true)).toBeUndefined()
  })
})
