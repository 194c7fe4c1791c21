import { describe, expect, it } from 'vitest'
import { parseProject } from '../project/parse-project.js'
import { effectiveConfig } from '../data-test/run-test.js'
import { compileNode } from './compile-node.js'

const FILES: Record<string, string> = {
  'dbt_project.yml': 'name: pitwall\nprofile: pitwall\n',
  'profiles.yml': `pitwall:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_c, threads: 1 }\n`,
  'models/a.sql': 'select 1 as id',
  // Refs behind `execute` are not captured at parse time; compile still finds them missing.
  'models/b.sql': `select *\nfrom {{ ref('a') }}\n{% if execute %}\nunion all select * from {{ ref('ghost') }}\n{% endif %}`,
  'models/c.sql': `{% if execute %}select * from {{ source('nowhere', 't') }}{% endif %}`,
}

describe('compileNode', () => {
  it('reports a ref found missing only at compile time as ref-not-found at its line', () => {
    const p = parseProject(FILES)
    expect(p.diagnostics).toEqual([])
    const r = compileNode(p, 'model.pitwall.b')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.diagnostic).toMatchObject({
      code: 'ref-not-found',
      severity: 'error',
      file: 'models/b.sql',
      nodeId: 'model.pitwall.b',
      params: { name: 'ghost' },
      at: { line: 4 },
    })
  })

  it('reports an undeclared source found at compile time as source-not-found', () => {
    const r = compileNode(parseProject(FILES), 'model.pitwall.c')
    expect(r.ok ? undefined : r.diagnostic).toMatchObject({
      code: 'source-not-found',
      params: { source: 'nowhere', table: 't' },
    })
  })
})

describe('generic test config() calls', () => {
  const files: Record<string, string> = {
    ...FILES,
    'macros/rowcount.sql': [
      '{% test rowcount_gap(model) %}',
      "{{ config(fail_calc='sum(gap)', severity='warn') }}",
      'select 1 as gap from {{ model }}',
      '{% endtest %}',
    ].join('\n'),
    'models/schema.yml': [
      'version: 2',
      'models:',
      '  - name: a',
      '    data_tests:',
      '      - rowcount_gap',
      '      - rowcount_gap:',
      '          name: strict_gap',
      '          config: { severity: error }',
    ].join('\n'),
  }

  it('returns what the macro set, and the test config keeps what YAML set', () => {
    const p = parseProject(files)
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    const plain = compileNode(
      p,
      Object.keys(p.nodes).find((id) => id.includes('.rowcount_gap_a'))!,
    )
    const strictId = Object.keys(p.nodes).find((id) => id.includes('.strict_gap'))!
    const strict = compileNode(p, strictId)
    expect(plain.ok && plain.node.config_calls).toEqual({ fail_calc: 'sum(gap)', severity: 'warn' })
    expect(
      strict.ok && effectiveConfig(p.nodes[strictId]!, strict.node.config_calls),
    ).toMatchObject({
      fail_calc: 'sum(gap)',
      severity: 'error',
    })
  })
})
