import { describe, expect, it } from 'vitest'
import { parseProject } from '../project/parse-project.js'
import { buildDag } from './dag.js'
import { evaluateSelector } from './selector-definitions.js'
import { selectNodes, type SelectionContext } from './selector.js'

const files = {
  'dbt_project.yml': `name: p\nmodels:\n  p:\n    gold:\n      +materialized: table\n      +tags: [gold]\n`,
  'profiles.yml': `p:\n  outputs:\n    dev: { type: local, catalog: dev_c }\n`,
  'models/src.yml': `sources:\n  - name: raw\n    tables: [{ name: laps }]\n`,
  'models/silver/a.sql': `select * from {{ source('raw', 'laps') }}`,
  'models/silver/b.sql': `select * from {{ ref('a') }}`,
  'models/gold/c.sql': `select * from {{ ref('b') }}`,
  'models/gold/d.sql': `{{ config(materialized='incremental') }} select * from {{ ref('c') }}`,
  'models/gold/e.sql': `select * from {{ ref('a') }}`,
  'models/gold/schema.yml': `models:\n  - name: c\n    columns:\n      - name: x\n        tests: [not_null]\n`,
  'tests/singular_c.sql': `select * from {{ ref('c') }} where false`,
}

function ctx(extra: Partial<SelectionContext> = {}): SelectionContext {
  const p = parseProject(files)
  return {
    nodes: { ...p.nodes, ...p.sources },
    dag: buildDag(p.nodes, Object.keys(p.sources)),
    ...extra,
  }
}

// A test's id ends with dbt's hash (`test.p.not_null_c_x.<10 hex>`): names only.
const names = (s: Set<string>) =>
  [...s]
    .map((id) =>
      id
        .split('.')
        .slice(2, id.startsWith('test.') ? 3 : undefined)
        .join('.'),
    )
    .sort()
const models = { resourceTypes: ['model'] }

describe('selectNodes', () => {
  it('applies graph operators with and without depth', () => {
    const c = ctx()
    expect(names(selectNodes(c, ['+c'], undefined, models))).toEqual(['a', 'b', 'c'])
    expect(names(selectNodes(c, ['1+c'], undefined, models))).toEqual(['b', 'c'])
    expect(names(selectNodes(c, ['a+'], undefined, models))).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(names(selectNodes(c, ['a+1'], undefined, models))).toEqual(['a', 'b', 'e'])
    expect(names(selectNodes(c, ['1+b+1'], undefined, models))).toEqual(['a', 'b', 'c'])
    // @b: b, its descendants c and d, and every ancestor of those
    expect(names(selectNodes(c, ['@b'], undefined, models))).toEqual(['a', 'b', 'c', 'd'])
  })

  it('selects by tag, path, fqn, config, resource type and test type', () => {
    const c = ctx()
    expect(names(selectNodes(c, ['tag:gold'], undefined, models))).toEqual(['c', 'd', 'e'])
    expect(names(selectNodes(c, ['path:models/silver'], undefined, models))).toEqual(['a', 'b'])
    expect(names(selectNodes(c, ['fqn:p.gold.*'], undefined, models))).toEqual(['c', 'd', 'e'])
    expect(names(selectNodes(c, ['silver'], undefined, models))).toEqual(['a', 'b'])
    expect(names(selectNodes(c, ['config.materialized:incremental'], undefined, models))).toEqual([
      'd',
    ])
    expect(names(selectNodes(c, ['resource_type:test'], undefined))).toEqual([
      'not_null_c_x',
      'singular_c',
    ])
    expect(names(selectNodes(c, ['test_type:singular'], undefined))).toEqual(['singular_c'])
    expect(names(selectNodes(c, ['source:raw+'], undefined, models))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ])
  })

  it('intersects with commas, unions with spaces, excludes, and adds the tests of selected models', () => {
    const c = ctx()
    expect(names(selectNodes(c, ['tag:gold,+c'], undefined, models))).toEqual(['c'])
    expect(names(selectNodes(c, ['a e'], undefined, models))).toEqual(['a', 'e'])
    expect(names(selectNodes(c, ['+d'], ['b+'], models))).toEqual(['a'])
    expect(names(selectNodes(c, ['c'], undefined))).toEqual(['c', 'not_null_c_x', 'singular_c'])
  })

  it('compares with a saved manifest (state:) and the last run (result:)', () => {
    const p = parseProject(files)
    const changed = parseProject({
      ...files,
      'models/silver/b.sql': `select 1 as y from {{ ref('a') }}`,
      'models/gold/f.sql': 'select 1',
    })
    const state = Object.fromEntries(
      Object.values(p.nodes).map((n) => [n.unique_id, { checksum: n.checksum, config: n.config }]),
    )
    const c2: SelectionContext = {
      nodes: { ...changed.nodes },
      dag: buildDag(changed.nodes),
      state,
      results: { 'model.p.c': 'error', 'model.p.a': 'success' },
    }
    expect(names(selectNodes(c2, ['state:modified'], undefined, models))).toEqual(['b', 'f'])
    expect(names(selectNodes(c2, ['state:modified+'], undefined, models))).toEqual([
      'b',
      'c',
      'd',
      'f',
    ])
    expect(names(selectNodes(c2, ['result:error+'], undefined, models))).toEqual(['c', 'd'])
    // editing a macro marks the nodes that call it as modified
    const withMacro = (body: string) =>
      parseProject({
        ...files,
        'macros/m.sql': `{% macro twice(x) %}${body}{% endmacro %}`,
        'models/gold/e.sql': `select {{ twice('1') }} as v from {{ ref('a') }}`,
      })
    const before = withMacro('{{ x }} * 2')
    const after = withMacro('{{ x }} + {{ x }}')
    const c3: SelectionContext = {
      nodes: { ...after.nodes },
      dag: buildDag(after.nodes),
      state: Object.fromEntries(
        Object.values(before.nodes).map((n) => [
          n.unique_id,
          { checksum: n.checksum, config: n.config },
        ]),
      ),
      macros: after.macros,
      stateMacros: before.macros,
    }
    expect(names(selectNodes(c3, ['state:modified'], undefined, models))).toEqual(['e'])
    expect(names(selectNodes(c3, ['state:modified.macros'], undefined, models))).toEqual(['e'])
  })

  it('refuses unknown methods and state selection without a manifest', () => {
    const c = ctx()
    expect(() => selectNodes(c, ['colour:red'], undefined)).toThrow(
      /unknown selector method 'colour'/,
    )
    expect(() => selectNodes(c, ['state:modified'], undefined)).toThrow(/needs a saved manifest/)
  })

  it('evaluates named selectors from selectors.yml (union, intersection, method blocks, exclude)', () => {
    const p = parseProject({
      ...files,
      'selectors.yml': `selectors:
  - name: gold_but_d
    definition:
      union:
        - method: tag
          value: gold
        - exclude: [d]
  - name: upstream_of_c_in_silver
    definition:
      intersection:
        - { method: fqn, value: c, parents: true }
        - 'path:models/silver'
`,
    })
    const c: SelectionContext = {
      nodes: { ...p.nodes, ...p.sources },
      dag: buildDag(p.nodes, Object.keys(p.sources)),
    }
    expect(names(evaluateSelector(c, p.selectors, 'gold_but_d'))).toEqual(['c', 'e'])
    expect(names(evaluateSelector(c, p.selectors, 'upstream_of_c_in_silver'))).toEqual(['a', 'b'])
    const base = evaluateSelector(c, p.selectors, 'gold_but_d')
    expect(names(selectNodes(c, undefined, undefined, { base }))).toEqual([
      'c',
      'e',
      'not_null_c_x',
      'singular_c',
    ])
    expect(() => evaluateSelector(c, p.selectors, 'nope')).toThrow(
      /no selector named 'nope'.*gold_but_d/,
    )
  })
})
