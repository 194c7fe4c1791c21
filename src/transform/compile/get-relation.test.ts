import { describe, expect, it } from 'vitest'
import { parseProject } from '../project/parse-project.js'
import { relationKey } from '../template/relation.js'
import { compileNode } from './compile-node.js'

const FILES: Record<string, string> = {
  'dbt_project.yml': `name: pitwall
profile: pitwall
models:
  pitwall:
    +materialized: table
`,
  'profiles.yml': `pitwall:
  target: dev
  outputs:
    dev: { type: local, catalog: dev_f1_data_analytics, threads: 1 }
`,
  'models/sources.yml': `version: 2
sources:
  - name: bronze
    schema: bronze_raw
    tables:
      - name: bronze_pit
`,
  'macros/maybe.sql': `{% macro maybe(name) -%}
  {%- set rel = source('bronze', name) -%}
  {%- set found = adapter.get_relation(database=rel.database, schema=rel.schema, identifier=rel.identifier) -%}
  {%- if found -%}
    select '{{ found.database }}|{{ found.schema }}|{{ found.identifier }}' as parts, * from {{ found }}
  {%- else -%}
    select cast(null as bigint) as pit_duration where false
  {%- endif -%}
{%- endmacro %}
`,
  'models/silver_pit.sql': `{{ maybe('bronze_pit') }}`,
  'models/positional.sql': `{% set r = adapter.get_relation('dev_f1_data_analytics', 'bronze_raw', 'BRONZE_PIT') %}select {{ 'true' if r else 'false' }} as found`,
}

const PIT = relationKey('dev_f1_data_analytics', 'bronze_raw', 'bronze_pit')

describe('adapter.get_relation', () => {
  const project = parseProject(FILES)
  const compile = (id: string, relations?: ReadonlySet<string>): string => {
    const r = compileNode(project, id, relations === undefined ? {} : { relations })
    if (!r.ok) throw new Error(r.diagnostic.message)
    return r.node.compiled_code
  }

  it('keeps the source dependency recorded while parsing (where it answers none)', () => {
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(project.nodes['model.pitwall.silver_pit']!.depends_on.nodes).toEqual([
      'source.pitwall.bronze.bronze_pit',
    ])
  })

  it('returns the relation when it exists: three parts, rendered as the quoted name', () => {
    const sql = compile('model.pitwall.silver_pit', new Set([PIT]))
    expect(sql).toBe(
      `select 'dev_f1_data_analytics|bronze_raw|bronze_pit' as parts, * from "dev_f1_data_analytics"."bronze_raw"."bronze_pit"`,
    )
  })

  it('returns none when the relation does not exist', () => {
    const other = relationKey('dev_f1_data_analytics', 'bronze_raw', 'bronze_laps')
    expect(compile('model.pitwall.silver_pit', new Set([other]))).toBe(
      'select cast(null as bigint) as pit_duration where false',
    )
  })

  it('takes positional arguments, matches names case-insensitively, assumes existence without a set', () => {
    expect(compile('model.pitwall.positional', new Set([PIT]))).toBe('select true as found')
    expect(compile('model.pitwall.positional', new Set())).toBe('select false as found')
    expect(compile('model.pitwall.positional')).toBe('select true as found')
  })
})
