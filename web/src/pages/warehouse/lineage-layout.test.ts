import { describe, expect, it } from 'vitest'
import { layout, pathsFromSources, reach } from './lineage-layout.js'

const edges = [
  { from: 'bronze_laps', to: 'silver_laps' },
  { from: 'bronze_drivers', to: 'silver_drivers' },
  { from: 'silver_laps', to: 'fact_laps' },
  { from: 'silver_drivers', to: 'fact_laps' },
  { from: 'fact_laps', to: 'session_leaderboard' },
  { from: 'silver_drivers', to: 'session_leaderboard' },
]
const ids = [
  'session_leaderboard',
  'fact_laps',
  'silver_laps',
  'silver_drivers',
  'bronze_laps',
  'bronze_drivers',
]

describe('lineage layout', () => {
  it('puts each node one column right of its furthest parent', () => {
    const placed = layout(ids, edges)
    expect(Object.fromEntries([...placed].map(([id, p]) => [id, p.column]))).toEqual({
      bronze_drivers: 0,
      bronze_laps: 0,
      silver_drivers: 1,
      silver_laps: 1,
      fact_laps: 2,
      session_leaderboard: 3,
    })
  })

  it('gives every node of a column its own row', () => {
    const placed = [...layout(ids, edges).values()]
    const keys = placed.map((p) => `${p.column}:${p.row}`)
    expect(new Set(keys).size).toBe(placed.length)
  })

  it('finds every path from the sources to a node, longest first', () => {
    expect(pathsFromSources('session_leaderboard', edges)).toEqual([
      ['bronze_drivers', 'silver_drivers', 'fact_laps', 'session_leaderboard'],
      ['bronze_laps', 'silver_laps', 'fact_laps', 'session_leaderboard'],
      ['bronze_drivers', 'silver_drivers', 'session_leaderboard'],
    ])
    expect(pathsFromSources('bronze_laps', edges)).toEqual([])
  })

  it('stops at the given number of paths', () => {
    expect(pathsFromSources('session_leaderboard', edges, 2)).toHaveLength(2)
  })

  it('finds ancestors and descendants', () => {
    expect([...reach('fact_laps', edges, true)].sort()).toEqual([
      'bronze_drivers',
      'bronze_laps',
      'silver_drivers',
      'silver_laps',
    ])
    expect([...reach('silver_drivers', edges, false)].sort()).toEqual([
      'fact_laps',
      'session_leaderboard',
    ])
  })

  it('survives a cycle and edges to unknown nodes', () => {
    const placed = layout(
      ['a', 'b'],
      [
        { from: 'a', to: 'b' },
        { from: 'b', to: 'a' },
        { from: 'a', to: 'zzz' },
      ],
    )
    expect(placed.size).toBe(2)
  })
})
