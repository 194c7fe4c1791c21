import { describe, expect, it } from 'vitest'
import { parseProject } from './parse-project.js'

const PROFILES = `pitwall:
  target: dev
  outputs:
    dev: { type: local, catalog: dev_f1_data_analytics, threads: 1 }
`
const PROJECT = `name: pitwall
profile: pitwall
models:
  pitwall:
    marts:
      +materialized: incremental
      +incremental_strategy: microbatch
snapshots:
  pitwall:
    +target_schema: snapshots
`

function parse(extra: Record<string, string>) {
  return parseProject({ 'dbt_project.yml': PROJECT, 'profiles.yml': PROFILES, ...extra })
}

describe('config checks at parse time', () => {
  it('reports a merge without unique_key at the config() call that asks for it', () => {
    const p = parse({
      'models/a.sql': `select 1 as id\n{{ config(materialized='incremental',\n  incremental_strategy='merge') }}`,
    })
    expect(p.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'unique-key-required',
        severity: 'error',
        file: 'models/a.sql',
        at: { line: 3, column: 3 },
        nodeId: 'model.pitwall.a',
        params: { strategy: 'merge' },
      }),
    )
  })

  it('reports an unknown incremental_strategy at its line in schema YAML', () => {
    const p = parse({
      'models/b.sql': 'select 1 as id',
      'models/b.yml': `models:\n  - name: b\n    config:\n      materialized: incremental\n      incremental_strategy: insert_overwrite\n`,
    })
    const d = p.diagnostics.find((x) => x.code === 'incremental-strategy-unknown')
    expect(d).toMatchObject({ file: 'models/b.yml', at: { line: 5 }, severity: 'error' })
    expect(d?.message).toContain("incremental_strategy 'insert_overwrite' is not supported")
  })

  it('reports a microbatch model without event_time or begin, pointing into dbt_project.yml', () => {
    const p = parse({ 'models/marts/m.sql': "{{ config(batch_size='day') }} select 1 as id" })
    const problems = p.diagnostics.filter((x) => x.code === 'microbatch-config-invalid')
    expect(problems.map((x) => x.params)).toEqual([
      { key: 'event_time', reason: expect.stringContaining('needs event_time') },
      { key: 'begin', reason: expect.stringContaining('needs begin') },
    ])
    // a missing key points at what made it required: the strategy set in dbt_project.yml
    // (the key itself is absent, so the node's config() call is the nearest place)
    expect(problems[0]!.file).toBe('models/marts/m.sql')
    const strategy = parse({
      'models/marts/m.sql':
        "{{ config(batch_size='week', event_time='ts', begin='2024-01-01') }} select 1 as id",
    }).diagnostics.find((x) => x.code === 'microbatch-config-invalid')
    expect(strategy?.params).toEqual({
      key: 'batch_size',
      reason: 'needs batch_size: hour, day, month or year (got "week")',
    })
  })

  it('points at dbt_project.yml when the bad value is set there', () => {
    const p = parseProject({
      'dbt_project.yml': `name: pitwall\nprofile: pitwall\nmodels:\n  pitwall:\n    +materialized: incremental\n    +on_schema_change: append_columns\n`,
      'profiles.yml': PROFILES,
      'models/a.sql': 'select 1 as id',
    })
    expect(p.diagnostics.find((x) => x.code === 'on-schema-change-invalid')).toMatchObject({
      file: 'dbt_project.yml',
      at: { line: 6 },
    })
  })

  it('reports snapshot configs that cannot run', () => {
    const p = parse({
      'snapshots/s.sql': `{% snapshot s %}\n{{ config(strategy='timestamp', unique_key='id') }}\nselect 1 as id\n{% endsnapshot %}`,
      'snapshots/t.sql': `{% snapshot t %}\n{{ config(strategy='hash', unique_key='id') }}\nselect 1 as id\n{% endsnapshot %}`,
    })
    const problems = p.diagnostics
      .filter((x) => x.code === 'snapshot-config-invalid')
      .map((x) => [x.nodeId, x.params, x.at?.line])
    expect(problems).toEqual([
      ['snapshot.pitwall.s', expect.objectContaining({ key: 'updated_at' }), 2],
      ['snapshot.pitwall.t', expect.objectContaining({ key: 'strategy' }), 2],
    ])
  })

  it('reports an unknown materialization, and accepts valid configs silently', () => {
    const p = parse({
      'models/v.sql': "{{ config(materialized='materialized_view') }} select 1 as id",
      'models/ok.sql':
        "{{ config(materialized='incremental', unique_key=['id'], on_schema_change='sync_all_columns') }} select 1 as id",
      'models/marts/mb.sql':
        "{{ config(event_time='ts', batch_size='day', begin='2024-01-01', lookback=2) }} select 1 as id",
    })
    expect(p.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([
      ['materialization-unknown', 'model.pitwall.v'],
    ])
  })

  it('warns that incremental_predicates only narrow a delete+insert', () => {
    const p = parse({
      'models/m.sql':
        "{{ config(materialized='incremental', unique_key='id', incremental_predicates=['id > 1']) }} select 1 as id",
      'models/d.sql':
        "{{ config(materialized='incremental', unique_key='id', incremental_strategy='delete+insert', incremental_predicates=['id > 1']) }} select 1 as id",
    })
    expect(p.diagnostics.map((d) => [d.code, d.severity, d.nodeId])).toEqual([
      ['incremental-predicates-ignored', 'warn', 'model.pitwall.m'],
    ])
  })
})
