import { describe, expect, it } from 'vitest'
import type { LandingFile } from './landing-files.js'
import { batchesOf } from './load-table.js'

const file = (name: string, batchDay: string, bytes: number): LandingFile => ({
  endpoint: 'laps',
  path: `/l/laps/${name}`,
  sourceFile: `laps/${name}`,
  batchDay,
  order: name,
  bytes,
})

describe('batchesOf', () => {
  const files = [
    file('a', '2024-06-30', 40),
    file('b', '2024-06-30', 40),
    file('c', '2024-06-30', 40),
    file('d', '2024-07-01', 10),
    file('e', '2024-07-01', 500),
  ]
  const names = (batches: LandingFile[][]): string[][] => batches.map((b) => b.map((f) => f.order))

  it('fills each batch up to the byte limit, one file at least', () => {
    expect(names(batchesOf(files, 100))).toEqual([['a', 'b'], ['c', 'd'], ['e']])
    expect(names(batchesOf(files, 10_000))).toEqual([['a', 'b', 'c', 'd', 'e']])
  })

  it('never mixes batch days when the table is partitioned by them', () => {
    expect(names(batchesOf(files, 10_000, true))).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ])
  })
})
