import { describe, expect, it } from 'vitest'
import { memoryParseCache } from './capture.js'
import { parseProject } from './parse-project.js'

const PROFILES = `pitwall:
  target: dev
  outputs:
    dev: { type: local, catalog: dev_f1_data_analytics, threads: 2 }
`
const PROJECT = `name: pitwall
profile: pitwall
vars: { season: 2024 }
models:
  pitwall:
    +materialized: view
    silver:
      +schema: silver_clean
      +materialized: incremental
      +tags: [silver]
`

function files(extra: Record<string, string>): Record<string, string> {
  return { 'dbt_project.yml': PROJECT, 'profiles.yml': PROFILES, ...extra }
}

describe('parseProject', () => {
  it('links refs and sources and applies dbt config precedence', () => {
    const p = parseProject(
      files({
        'models/sources.yml': `version: 2
sources:
  - name: bronze
    schema: bronze_raw
    tables:
      - name: bronze_laps
        columns:
          - name: lap_number
            data_tests: [not_null]
`,
        'models/silver/silver_laps.sql': `{{ config(unique_key=['session_key', 'lap_number'], tags=['laps']) }}
select * from {{ source('bronze', 'bronze_laps') }} where season = {{ var('season') }}`,
        'models/gold/fact_laps.sql': `{{ config(materialized='table') }}select * from {{ ref('silver_laps') }}`,
        'models/gold/schema.yml': `version: 2
models:
  - name: fact_laps
    description: One row per lap.
    config: { materialized: view, tags: [gold] }
    columns:
      - name: lap_number
        description: The lap.
        tests:
          - unique
          - accepted_values: { values: [1, 2], quote: false, config: { severity: warn } }
          - relationships: { to: ref('silver_laps'), field: lap_number }
`,
      }),
    )
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const silver = p.nodes['model.pitwall.silver_laps']!
    expect(silver.config.materialized).toBe('incremental')
    // a local (lakehouse) target uses custom schemas as written: they are the medallion layers
    expect(silver.schema).toBe('silver_clean')
    expect(silver.config.tags).toEqual(['silver', 'laps'])
    expect(silver.config['unique_key']).toEqual(['session_key', 'lap_number'])
    expect(silver.depends_on.nodes).toEqual(['source.pitwall.bronze.bronze_laps'])
    const fact = p.nodes['model.pitwall.fact_laps']!
    // in-file config() wins over schema YAML config
    expect(fact.config.materialized).toBe('table')
    expect(fact.schema).toBe('gold_analytics')
    expect(fact.description).toBe('One row per lap.')
    expect(fact.depends_on.nodes).toEqual(['model.pitwall.silver_laps'])
    const tests = Object.values(p.nodes).filter((n) => n.resource_type === 'test')
    // dbt's ids: test.<project>.<name>.<10 hex of md5(name + arguments)>
    for (const t of tests)
      expect(t.unique_id).toMatch(/^test\.pitwall\.[A-Za-z0-9_]+\.[0-9a-f]{10}$/)
    expect(tests.map((t) => [t.name, t.alias]).sort()).toEqual([
      [
        'accepted_values_fact_laps_lap_number__False__1__2',
        'accepted_values_fact_laps_lap_number__False__1__2',
      ],
      [
        'not_null_source_bronze_bronze_laps_lap_number',
        'not_null_source_bronze_bronze_laps_lap_number',
      ],
      // 64 characters or more: stored and compiled under the first 30 characters + md5, as dbt
      [
        'relationships_fact_laps_lap_number__lap_number__ref_silver_laps_',
        expect.stringMatching(/^relationships_fact_laps_[0-9a-f]{32}$/),
      ],
      ['unique_fact_laps_lap_number', 'unique_fact_laps_lap_number'],
    ])
    const rel = tests.find((n) => n.test_metadata?.name === 'relationships')!
    expect(rel.depends_on.nodes).toEqual(['model.pitwall.fact_laps', 'model.pitwall.silver_laps'])
    expect(rel.path).toBe(`${rel.alias}.sql`)
    expect(
      tests.find((t) => t.name === 'accepted_values_fact_laps_lap_number__False__1__2')!.config[
        'severity'
      ],
    ).toBe('warn')
  })

  it('reports a missing ref with file, line and column, and a cycle with its chain', () => {
    const p = parseProject(
      files({
        'models/a.sql': `select 1 from {{ ref('b') }}`,
        'models/b.sql': `\n\nselect * from {{ ref('a') }}`,
        'models/c.sql': `select *\nfrom {{ ref('nope') }}`,
      }),
    )
    const missing = p.diagnostics.find((d) => d.code === 'ref-not-found')!
    expect(missing.file).toBe('models/c.sql')
    expect(missing.at).toEqual({ line: 2, column: 13 })
    const cycle = p.diagnostics.find((d) => d.code === 'dependency-cycle')!
    expect(cycle.message).toMatch(
      /model\.pitwall\.(a|b) → model\.pitwall\.(a|b) → model\.pitwall\.(a|b)/,
    )
  })

  it('reports a template syntax error at its line and column', () => {
    const p = parseProject(files({ 'models/bad.sql': `select 1\nfrom x\nwhere {{ foo( }}` }))
    const d = p.diagnostics.find((x) => x.code === 'template-syntax-error')!
    expect(d.file).toBe('models/bad.sql')
    expect(d.at?.line).toBe(3)
    expect(d.message).toContain('3 | where {{ foo( }}')
  })

  it('does not render an unchanged file twice (content-hash cache)', () => {
    const cache = memoryParseCache()
    const f = files({
      'models/a.sql': 'select 1 as x',
      'models/b.sql': `select * from {{ ref('a') }}`,
    })
    parseProject(f, { cache })
    expect(cache.size()).toBe(2)
    const again = parseProject({ ...f, 'models/b.sql': `select x from {{ ref('a') }}` }, { cache })
    expect(cache.size()).toBe(3)
    expect(again.nodes['model.pitwall.b']!.depends_on.nodes).toEqual(['model.pitwall.a'])
    // a changed environment re-renders only the files that call env_var()
    const withEnv = { ...f, 'models/c.sql': "select '{{ env_var('SEASON', '2024') }}' as s" }
    parseProject(withEnv, { cache, env: { SEASON: '2023' } })
    const before = cache.size()
    parseProject(withEnv, { cache, env: { SEASON: '2025', OTHER: 'x' } })
    expect(cache.size()).toBe(before + 1)
  })

  it('keeps read schema YAML in the parse cache, diagnostics included', () => {
    const cache = memoryParseCache()
    const yml = `models:\n  - name: a\n    description: The a.\n  - description: no name\n`
    const f = files({ 'models/a.sql': 'select 1 as x', 'models/a.yml': yml })
    const first = parseProject(f, { cache })
    const yamlKeys = () => cache.used().filter(([k]) => k.startsWith('yaml:'))
    expect(yamlKeys()).toHaveLength(1)
    const again = parseProject(f, { cache })
    expect(again.nodes['model.pitwall.a']!.description).toBe('The a.')
    expect(again.diagnostics).toEqual(first.diagnostics)
    expect(again.diagnostics.map((d) => d.code)).toEqual(['config-invalid-value'])
    // a changed file is read again
    const changed = parseProject(
      { ...f, 'models/a.yml': yml.replace('The a.', 'The new a.') },
      { cache },
    )
    expect(changed.nodes['model.pitwall.a']!.description).toBe('The new a.')
    expect(yamlKeys()).toHaveLength(2)
  })

  it('resolves {{ doc() }} references in descriptions from docs blocks', () => {
    const p = parseProject(
      files({
        'models/a.sql': 'select 1 as lap',
        'models/docs.md': '{% docs lap_doc %}\nThe lap number, from 1.\n{% enddocs %}',
        'models/a.yml': `models:\n  - name: a\n    description: '{{ doc("lap_doc") }}'\n    columns:\n      - name: lap\n        description: "Lap: {{ doc('lap_doc') }}"\n`,
      }),
    )
    const a = p.nodes['model.pitwall.a']!
    expect(a.description).toBe('The lap number, from 1.')
    expect(a.columns['lap']!.description).toBe('Lap: The lap number, from 1.')
  })

  it('reports a malformed seed at parse time with its line', () => {
    const p = parseProject(files({ 'seeds/points.csv': 'position,points\n1,25\n2\n' }))
    expect(p.diagnostics.find((d) => d.code === 'seed-invalid')).toMatchObject({
      file: 'seeds/points.csv',
      at: { line: 3, column: 1 },
      message: 'seed points: line 3: 1 fields, but the header has 2',
    })
  })

  it('warns about config keys it does not know (a typo would otherwise be ignored silently)', () => {
    const p = parseProject(files({ 'models/a.sql': "{{ config(materialised='table') }} select 1" }))
    expect(p.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'config-unknown-key',
        severity: 'warn',
        file: 'models/a.sql',
        params: { path: 'materialised' },
      }),
    )
    expect(p.nodes['model.pitwall.a']!.config.materialized).toBe('view')
  })
})
