import { describe, expect, it } from 'vitest'
import type { AddAction } from '../protocol/actions.js'
import type { StructType } from '../protocol/schema.js'
import { filterSql, mayMatch, type FilterContext } from './scan-filter.js'

const schema: StructType = {
  type: 'struct',
  fields: [
    { name: 'id', type: 'long', nullable: true, metadata: {} },
    { name: 'ts', type: 'timestamp', nullable: true, metadata: {} },
    { name: 'day', type: 'date', nullable: true, metadata: {} },
  ],
}
const ctx: FilterContext = { schema, partitionColumns: ['day'], mode: 'none' }

function file(stats: object | undefined, day: string | null): AddAction {
  return {
    path: 'f.parquet',
    partitionValues: { day },
    size: 1,
    modificationTime: 0,
    dataChange: true,
    ...(stats === undefined ? {} : { stats: JSON.stringify(stats) }),
  }
}

const f = file(
  {
    numRecords: 10,
    minValues: { id: 5, ts: '2024-01-01T00:00:00.000Z' },
    maxValues: { id: 9, ts: '2024-01-01T10:00:00.123Z' },
    nullCount: { id: 0, ts: 2 },
  },
  '2024-06-30',
)

describe('mayMatch', () => {
  it('prunes on min/max for comparisons and IN', () => {
    expect(mayMatch(f, { op: '=', column: 'id', value: 4 }, ctx)).toBe(false)
    expect(mayMatch(f, { op: '=', column: 'id', value: 7 }, ctx)).toBe(true)
    expect(mayMatch(f, { op: '<', column: 'id', value: 5 }, ctx)).toBe(false)
    expect(mayMatch(f, { op: '<=', column: 'id', value: 5 }, ctx)).toBe(true)
    expect(mayMatch(f, { op: '>', column: 'id', value: 9 }, ctx)).toBe(false)
    expect(mayMatch(f, { op: 'in', column: 'id', values: [1, 2, 10] }, ctx)).toBe(false)
    expect(mayMatch(f, { op: 'in', column: 'id', values: [1, 8] }, ctx)).toBe(true)
  })

  it('widens timestamp maxima by the millisecond truncation of stats', () => {
    expect(mayMatch(f, { op: '=', column: 'ts', value: '2024-01-01T10:00:00.123456Z' }, ctx)).toBe(
      true,
    )
    expect(mayMatch(f, { op: '>', column: 'ts', value: '2024-01-01T10:00:00.125Z' }, ctx)).toBe(
      false,
    )
  })

  it('uses null counts for IS NULL / IS NOT NULL', () => {
    expect(mayMatch(f, { op: 'is-null', column: 'id' }, ctx)).toBe(false)
    expect(mayMatch(f, { op: 'is-null', column: 'ts' }, ctx)).toBe(true)
    const allNull = file({ numRecords: 3, nullCount: { id: 3 } }, null)
    expect(mayMatch(allNull, { op: 'is-not-null', column: 'id' }, ctx)).toBe(false)
    expect(mayMatch(allNull, { op: '=', column: 'id', value: 1 }, ctx)).toBe(false)
  })

  it('evaluates partition values exactly, NULL partitions included', () => {
    expect(mayMatch(f, { op: '=', column: 'day', value: '2024-06-30' }, ctx)).toBe(true)
    expect(
      mayMatch(f, { op: '=', column: 'day', value: new Date('2024-07-01T00:00:00Z') }, ctx),
    ).toBe(false)
    expect(mayMatch(file(undefined, null), { op: 'is-null', column: 'day' }, ctx)).toBe(true)
    const and = {
      op: 'and',
      filters: [
        { op: '=', column: 'day', value: '2024-06-30' },
        { op: '>', column: 'id', value: 100 },
      ],
    } as const
    expect(mayMatch(f, and, ctx)).toBe(false)
  })

  it('keeps files without stats', () => {
    expect(mayMatch(file(undefined, '2024-06-30'), { op: '=', column: 'id', value: 1 }, ctx)).toBe(
      true,
    )
  })
})

describe('filterSql', () => {
  it('renders typed literals and refuses unknown columns', () => {
    expect(filterSql({ op: 'in', column: 'id', values: [1, 2] }, ctx)).toBe(
      `"id" IN (CAST('1' AS BIGINT), CAST('2' AS BIGINT))`,
    )
    expect(() => filterSql({ op: 'is-null', column: 'nope' }, ctx)).toThrow(
      /not in the table schema/,
    )
  })
})
