import { describe, expect, it } from 'vitest'
import { buildAssetGraph, downstreamOf } from './asset-graph.js'
import { buildSelection } from './steps/build-assets.js'

const node = (id: string, deps: string[], extra: Record<string, unknown> = {}) => ({
  unique_id: id,
  resource_type: id.split('.')[0] ?? 'model',
  depends_on: { nodes: deps },
  database: 'dev_f1',
  schema: id.includes('silver') ? 'silver_clean' : 'gold_analytics',
  alias: id.split('.').pop() ?? id,
  config: { materialized: 'table' },
  ...extra,
})
const source = (table: string) => ({
  unique_id: `source.pitwall.bronze.${table}`,
  identifier: table,
  database: 'dev_f1',
  schema: 'bronze_raw',
})
const manifest = {
  sources: {
    'source.pitwall.bronze.bronze_laps': source('bronze_laps'),
    'source.pitwall.bronze.bronze_sessions': source('bronze_sessions'),
  },
  nodes: {
    'model.pitwall.silver_laps': node('model.pitwall.silver_laps', [
      'source.pitwall.bronze.bronze_laps',
    ]),
    'model.pitwall.silver_sessions': node('model.pitwall.silver_sessions', [
      'source.pitwall.bronze.bronze_sessions',
    ]),
    'model.pitwall.fact_laps': node('model.pitwall.fact_laps', [
      'model.pitwall.silver_laps',
      'model.pitwall.silver_sessions',
    ]),
    'test.pitwall.not_null_fact_laps_lap': node(
      'test.pitwall.not_null_fact_laps_lap',
      ['model.pitwall.fact_laps'],
      {
        attached_node: 'model.pitwall.fact_laps',
      },
    ),
  },
}
const graph = buildAssetGraph({
  endpoints: ['laps', 'sessions', 'location'],
  bronzeTableOf: (e) => (e === 'location' ? 'bronze_locations' : `bronze_${e}`),
  catalog: 'dev_f1',
  manifest,
})

describe('buildAssetGraph', () => {
  it('chains endpoint → bronze table → models, with sources resolved to bronze assets', () => {
    expect(graph.assets.get('bronze.bronze_laps')).toMatchObject({
      deps: ['extract.laps'],
      partitioned: true,
      table: 'dev_f1.bronze_raw.bronze_laps',
    })
    expect(graph.assets.get('model.pitwall.silver_laps')?.deps).toEqual(['bronze.bronze_laps'])
    expect(graph.assets.get('test.pitwall.not_null_fact_laps_lap')).toMatchObject({
      kind: 'test',
      checks: 'model.pitwall.fact_laps',
    })
    const order = graph.order
    expect(order.indexOf('extract.laps')).toBeLessThan(order.indexOf('bronze.bronze_laps'))
    expect(order.indexOf('bronze.bronze_laps')).toBeLessThan(
      order.indexOf('model.pitwall.fact_laps'),
    )
  })

  it('finds everything downstream of a bronze table', () => {
    expect([...downstreamOf(graph, ['bronze.bronze_laps'])].sort()).toEqual([
      'model.pitwall.fact_laps',
      'model.pitwall.silver_laps',
      'test.pitwall.not_null_fact_laps_lap',
    ])
  })
})

describe('buildSelection', () => {
  it('selects what the touched bronze tables reach, everything when all are new or never built', () => {
    expect(buildSelection(graph, ['bronze_laps'], false)).toEqual(['source:bronze.bronze_laps+'])
    expect(buildSelection(graph, ['bronze_laps', 'bronze_sessions'], false)).toBeUndefined()
    expect(buildSelection(graph, ['bronze_laps'], true)).toBeUndefined()
    expect(buildSelection(graph, ['bronze_locations'], false)).toEqual([])
  })
})
