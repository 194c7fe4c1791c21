import { describe, expect, it } from 'vitest'
import { parseArtifact } from '../../core/index.js'
import { parseProject } from '../project/parse-project.js'
import { buildManifest } from './manifest.js'

const FILES = {
  'dbt_project.yml': 'name: pitwall\nprofile: pitwall\n',
  'profiles.yml': `pitwall:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_c, threads: 1 }\n`,
  'models/sources.yml': `sources:\n  - name: bronze\n    schema: bronze_raw\n    tables:\n      - name: laps\n        loaded_at_field: _ingestion_timestamp\n`,
  'models/a.sql': "select * from {{ source('bronze', 'laps') }}",
  'models/b.sql': "{{ config(materialized='ephemeral') }} select * from {{ ref('a') }}",
  'models/a.yml': `models:\n  - name: a\n    description: Laps.\n    columns:\n      - name: lap\n        tags: [k]\n        data_tests: [not_null]\nunit_tests:\n  - name: ut\n    model: a\n    given: []\n    expect: { rows: [] }\nexposures:\n  - name: dash\n    type: dashboard\n    depends_on: [ref('a')]\n`,
  'seeds/s.csv': 'x\n1\n',
}

describe('buildManifest', () => {
  it('writes what the shared manifest schema (core/artifacts) accepts, with the lineage maps', () => {
    const p = parseProject(FILES)
    expect(p.diagnostics).toEqual([])
    const manifest = buildManifest(p, { invocationId: 'i', generatedAt: '2024-06-30T00:00:00Z' })
    const parsed = parseArtifact('manifest', JSON.parse(JSON.stringify(manifest)))
    expect(parsed).toMatchObject({ ok: true })
    if (!parsed.ok) return
    const m = parsed.value
    expect(Object.keys(m.nodes).sort()).toEqual([
      'model.pitwall.a',
      'model.pitwall.b',
      'seed.pitwall.s',
      'test.pitwall.not_null_a_lap.84b831dd66', // dbt's id (md5 of name + arguments)
    ])
    expect(Object.keys(m.unit_tests)).toEqual(['unit_test.pitwall.a.ut'])
    expect(m.nodes['model.pitwall.a']!.relation_name).toBe('"dev_c"."gold_analytics"."a"')
    expect(m.nodes['model.pitwall.b']!.relation_name).toBeNull()
    expect(m.parent_map['model.pitwall.a']).toEqual(['source.pitwall.bronze.laps'])
    expect(m.child_map['model.pitwall.a']).toEqual(
      expect.arrayContaining(['model.pitwall.b', 'exposure.pitwall.dash']),
    )
    expect(m.sources['source.pitwall.bronze.laps']!.loaded_at_field).toBe('_ingestion_timestamp')
  })

  it('rejects what is not a manifest, naming the field', () => {
    const r = parseArtifact('manifest', { metadata: {}, nodes: [] })
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/^metadata\./) })
  })
})
