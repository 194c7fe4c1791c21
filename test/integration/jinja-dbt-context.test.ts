/**
 * dbt's context at template level: the cross-database macros (run in real DuckDB), package
 * namespaces and `adapter.dispatch` search order (file-map fixtures), `_private` macros, and the
 * execution hooks (`run_query`, `statement`, `get_columns_in_relation`) answered by DuckDB
 * through the pending-query retry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../src/engine/index.js'
import { BUILTIN_MACRO_FILES } from '../../src/transform/template/builtin-macros.js'
import type { DispatchConfig } from '../../src/transform/template/dbt/macro-namespace.js'
import { Relation } from '../../src/transform/template/relation.js'
import type { RenderScope } from '../../src/transform/template/render-scope.js'
import { TemplateEngine, type MacroFile } from '../../src/transform/template/template-engine.js'
import { renderWithWarehouse } from './jinja-warehouse-hooks.js'

let duck: DuckDbEngine

beforeAll(async () => {
  duck = await DuckDbEngine.create()
  await duck.run(
    `create table laps as select * from (values (1, 'VER', 91.5), (2, 'HAM', 92.25), (3, 'VER', 90.75)) t(lap, driver, secs)`,
  )
}, 60_000)

afterAll(async () => {
  await duck.close()
})

function engine(files: Record<string, string> = {}, dispatch?: DispatchConfig[]): TemplateEngine {
  const macroFiles: MacroFile[] = Object.entries(files).map(([file, text]) => ({
    file,
    text,
    // `dbt_packages/<pkg>/macros/…` belongs to <pkg>; everything else to the project.
    packageName: /^dbt_packages\/([^/]+)\//.exec(file)?.[1] ?? 'proj',
  }))
  const e = new TemplateEngine({
    macroFiles: [...BUILTIN_MACRO_FILES, ...macroFiles],
    projectName: 'proj',
    vars: {},
    env: {},
    target: { schema: 'main', database: 'memory' },
    adapterType: 'duckdb',
    ...(dispatch === undefined ? {} : { dispatch }),
  })
  expect(e.diagnostics).toEqual([])
  return e
}

function scope(over: Partial<RenderScope> = {}): RenderScope {
  return {
    ref: (n) => new Relation('memory', 'main', String(n)),
    source: (s, t) => new Relation('memory', String(s), String(t)),
    config: () => '',
    configGet: (_k, d) => d,
    self: new Relation('memory', 'main', 'me'),
    isIncremental: () => false,
    model: {},
    execute: true,
    ...over,
  }
}

function render(e: TemplateEngine, text: string, s: RenderScope = scope()): string {
  const r = e.render('models/x.sql', text, s)
  if (!r.ok) throw new Error(r.diagnostic.message)
  return r.sql
}

async function one(sql: string): Promise<unknown> {
  const rows = await duck.all(sql)
  return Object.values(rows[0]!)[0]
}

describe('dbt cross-database macros in DuckDB', () => {
  const e = engine()
  const cases: [string, unknown][] = [
    [`{{ dbt.dateadd('day', 3, "date '2024-02-27'") }}`, '2024-03-01T00:00:00.000000'],
    [`{{ dbt.datediff("'2024-01-01'", "'2024-01-20'", 'day') }}`, 19],
    [`{{ dbt.date_trunc('month', "date '2024-02-27'") }}`, '2024-02-01T00:00:00.000000'],
    [`{{ dbt.last_day("date '2024-02-10'", 'month') }}`, '2024-02-29'],
    [`{{ dbt.split_part("'a,b,c'", "','", 2) }}`, 'b'],
    [`{{ dbt.split_part("'a,b,c'", "','", -1) }}`, 'c'],
    [`{{ dbt.string_literal("it" ~ dbt.escape_single_quotes("'s")) }}`, "it's"],
    [`{{ dbt.replace("'a-b'", "'-'", "'+'") }}`, 'a+b'],
    [`{{ dbt.concat(["'a'", "'b'", '1']) }}`, 'ab1'],
    [`{{ dbt.hash("'x'") }}`, '9dd4e461268c8034f5c8564e155c67a6'],
    [`{{ dbt.safe_cast("'12x'", dbt.type_int()) }}`, null],
    [`{{ dbt.safe_cast("'12'", api.Column.translate_type('integer')) }}`, 12],
    [`{{ dbt.cast_bool_to_text('true') }}`, 'true'],
    [`{{ dbt.length("'four'") }}`, 4],
    [`{{ dbt.position("'c'", "'abc'") }}`, 3],
    [`{{ dbt.right("'abcdef'", 2) }}`, 'ef'],
    [`{{ dbt.array_construct([1, 2]) }}`, [1, 2]],
    [`{{ dbt.array_append(dbt.array_construct([1]), 5) }}`, [1, 5]],
    [`{{ dbt.array_concat('[1]', '[2, 3]') }}`, [1, 2, 3]],
    [`len({{ dbt.array_construct() }})`, 0],
    [`cast(1.5 as {{ dbt.type_numeric() }}) + cast(1 as {{ dbt.type_bigint() }})`, 2.5],
  ]
  it.each(cases)('%s', async (template, expected) => {
    const value = await one(`select ${render(e, template)} as v`)
    expect(value).toEqual(expected)
  })

  it('aggregates with listagg, bool_or and any_value, and combines with except', async () => {
    const sql = render(
      e,
      `select {{ dbt.listagg('driver', "','", 'order by lap') }} as a,
        {{ dbt.listagg('driver', "'|'", 'order by lap', 2) }} as b,
        {{ dbt.bool_or('secs > 92') }} as c, {{ dbt.any_value("'x'") }} as d from laps`,
    )
    expect(await duck.all(sql)).toEqual([{ a: 'VER,HAM,VER', b: 'VER|HAM', c: true, d: 'x' }])
    const diff = render(e, `select driver from laps {{ dbt.except() }} select 'HAM'`)
    expect(await duck.all(diff)).toEqual([{ driver: 'VER' }])
  })

  it('lets the project override a cross-database macro with duckdb__<name>', () => {
    const over = engine({
      'macros/over.sql': `{% macro duckdb__type_string() %}text{% endmacro %}`,
    })
    expect(render(over, `{{ dbt.type_string() }} {{ dbt.hash('x') }}`)).toBe(
      'text md5(cast(x as text))',
    )
  })
})

const PKG_A = {
  'dbt_packages/pkg_a/macros/thing.sql': `
{% macro thing(x) %}{{ return(adapter.dispatch('thing', 'pkg_a')(x)) }}{% endmacro %}
{% macro default__thing(x) %}a-default {{ x }}{% endmacro %}
{% macro _helper() %}{{ return('helped') }}{% endmacro %}
{% macro uses_helper() %}{{ pkg_a._helper() }}!{% endmacro %}`,
}

describe('package namespaces and adapter.dispatch', () => {
  it('reaches package macros through their namespace, _private ones included, and not unqualified', () => {
    const e = engine(PKG_A)
    expect(render(e, `{{ pkg_a.thing(1) }} {{ pkg_a._helper() }} {{ pkg_a.uses_helper() }}`)).toBe(
      'a-default 1 helped helped!',
    )
    const r = e.render('models/x.sql', `{{ thing(1) }}`, scope())
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.diagnostic.message).toContain("'thing' is undefined")
  })

  it("reaches the project's own macros through the project name too", () => {
    const e = engine({ 'macros/mine.sql': `{% macro hello() %}hi{% endmacro %}` })
    expect(render(e, `{{ proj.hello() }} {{ hello() }} {{ graph.nodes | length }}`)).toBe('hi hi 0')
  })

  it('searches the root project before an installed package (duckdb__ before default__)', () => {
    const e = engine({
      ...PKG_A,
      'macros/mine.sql': `{% macro default__thing(x) %}root-default {{ x }}{% endmacro %}`,
    })
    expect(render(e, `{{ pkg_a.thing(2) }}`)).toBe('root-default 2')
    const adapterFirst = engine({
      ...PKG_A,
      'macros/mine.sql': `{% macro default__thing(x) %}root-default{% endmacro %}`,
      'dbt_packages/pkg_a/macros/duck.sql': `{% macro duckdb__thing(x) %}a-duckdb {{ x }}{% endmacro %}`,
    })
    // In each package dbt tries duckdb__ then default__; the root project comes first.
    expect(render(adapterFirst, `{{ pkg_a.thing(3) }}`)).toBe('root-default')
  })

  it('follows a dispatch config search order', () => {
    const files = {
      ...PKG_A,
      'dbt_packages/pkg_b/macros/shim.sql': `{% macro duckdb__thing(x) %}b-shim {{ x }}{% endmacro %}`,
      'macros/mine.sql': `{% macro default__thing(x) %}root{% endmacro %}`,
    }
    const e = engine(files, [{ macro_namespace: 'pkg_a', search_order: ['pkg_b', 'pkg_a'] }])
    expect(render(e, `{{ pkg_a.thing(4) }}`)).toBe('b-shim 4')
  })

  it('names every candidate it searched when nothing matches', () => {
    const e = engine(PKG_A)
    const r = e.render('models/x.sql', `{{ adapter.dispatch('nothing', 'pkg_a')() }}`, scope())
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.diagnostic.message).toContain(
        "Searched for: 'proj.duckdb__nothing', 'proj.default__nothing', 'pkg_a.duckdb__nothing', 'pkg_a.default__nothing'",
      )
    }
  })
})

describe('execution hooks', () => {
  const MACROS = {
    'macros/introspect.sql': `
{% macro drivers() %}
  {% set t = run_query('select distinct driver from laps order by driver') %}
  {{ return(t.columns[0].values() | list) }}
{% endmacro %}
{% macro fastest() %}
  {% call statement('fast', fetch_result=True) %}select driver, min(secs) as s from laps group by driver order by s{% endcall %}
  {{ return(load_result('fast')['data'][0][0]) }}
{% endmacro %}
{% macro star(rel) %}
  {%- set cols = adapter.get_columns_in_relation(rel) -%}
  {%- for c in cols %}{{ adapter.quote(c.name) }}{{ ', ' if not loop.last }}{% endfor -%}
{% endmacro %}`,
  }

  it('answers run_query, statement/load_result and get_columns_in_relation through pending queries', async () => {
    const e = engine(MACROS)
    const out = await renderWithWarehouse(
      duck,
      e,
      `{% for d in drivers() %}{{ d }} {% endfor %}| {{ fastest() }} | select {{ star(ref('laps')) }} from laps`,
      scope(),
    )
    expect(out.sql).toBe('HAM VER | VER | select "lap", "driver", "secs" from laps')
    expect(out.rounds).toBe(4)
  })

  it('returns None from run_query while parsing and fails clearly at execution without hooks', () => {
    const e = engine(MACROS)
    expect(
      render(
        e,
        `{{ run_query('select 1') is none }} {{ load_result('x') is none }}`,
        scope({ execute: false }),
      ),
    ).toBe('True True')
    const r = e.render('models/x.sql', `{{ drivers() }}`, scope())
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.pendingQuery).toBeUndefined()
      expect(r.diagnostic.message).toContain('can only run at execution time')
    }
  })
})
