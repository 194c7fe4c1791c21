import { describe, expect, it } from 'vitest'
import { BUILTIN_MACRO_FILES } from './builtin-macros.js'
import { Relation } from './relation.js'
import type { RenderScope } from './render-scope.js'
import { TemplateEngine, type MacroFile } from './template-engine.js'

const MACROS: MacroFile = {
  file: 'macros/m.sql',
  packageName: 'p',
  text: `{% macro add(a, b=10) %}{{ a + b }}{% endmacro %}
{% macro pick(x) %}{{ return(adapter.dispatch('pick')(x)) }}{% endmacro %}
{% macro default__pick(x) %}default {{ x }}{% endmacro %}
{% macro duckdb__pick(x) %}duck {{ x }}{% endmacro %}
{% macro only_default(x) %}{{ return(adapter.dispatch('other')(x)) }}{% endmacro %}
{% macro default__other(x) %}other {{ x }}{% endmacro %}
{% macro cols() %}{{ return(['a', 'b']) }}{% endmacro %}
{% macro boom() %}{{ exceptions.raise_compiler_error('boom!') }}{% endmacro %}
{% macro where_this() %}{{ this }}{% endmacro %}
{% test positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}
{% macro generate_schema_name(custom, node) %}custom_{{ custom }}{% endmacro %}`,
}

function engine(env: Record<string, string> = {}): TemplateEngine {
  return new TemplateEngine({
    macroFiles: [...BUILTIN_MACRO_FILES, MACROS],
    projectName: 'p',
    vars: { season: 2024 },
    env,
    target: { name: 'dev', schema: 'gold' },
    adapterType: 'duckdb',
  })
}

const scope = (over: Partial<RenderScope> = {}): RenderScope => ({
  ref: (name) => new Relation('cat', 'sch', String(name)),
  source: (s, t) => new Relation('cat', String(s), String(t)),
  config: () => '',
  configGet: (_k, d) => d,
  self: new Relation('cat', 'sch', 'me'),
  isIncremental: () => false,
  model: {},
  execute: true,
  ...over,
})

const render = (e: TemplateEngine, text: string, s = scope()) => {
  const r = e.render('models/x.sql', text, s)
  if (!r.ok) throw new Error(r.diagnostic.message)
  return r.sql
}

describe('TemplateEngine', () => {
  it('calls project macros with positional, default and keyword arguments, and return() values', () => {
    const e = engine()
    expect(render(e, '{{ add(1) }} {{ add(1, b=2) }} {{ cols() | join("|") }}')).toBe('11 3 a|b')
  })

  it('dispatches to the adapter implementation, then default__', () => {
    const e = engine()
    expect(render(e, `{{ pick('x') }} / {{ only_default('y') }}`)).toBe('duck x / other y')
  })

  it('lets a project macro override a built-in one', () => {
    const e = engine()
    expect(String(e.withScope(scope(), () => e.macro('generate_schema_name')!('silver', {})))).toBe(
      'custom_silver',
    )
  })

  it('gives macros the caller’s this, and supports {% test %} and {% do %}', () => {
    const e = engine()
    expect(render(e, '{{ where_this() }}')).toBe('"cat"."sch"."me"')
    const test = e.macro('test_positive')!
    expect(String(test({ model: 't', column_name: 'speed', __keywords: true }))).toBe(
      'select * from t where speed <= 0',
    )
    expect(
      render(e, '{% set l = [] %}{% do l.append(1) %}{% do l.append(2) %}{{ l | length }}'),
    ).toBe('2')
  })

  it('reads vars and env vars, with defaults, and names the missing ones', () => {
    const e = engine({ TOKEN_ENV: 'x1' })
    expect(
      render(
        e,
        `{{ var('season') }} {{ var('nope', 7) }} {{ env_var('TOKEN_ENV') }} {{ env_var('NONE', 'd') }}`,
      ),
    ).toBe('2024 7 x1 d')
    const r = e.render('models/x.sql', `select 1\n\n  {{ var('missing_var') }}`, scope())
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.diagnostic.message).toContain("required var 'missing_var' is not set")
      expect(r.diagnostic.at).toEqual({ line: 3, column: expect.any(Number) })
      expect(r.diagnostic.message).toContain("3 |   {{ var('missing_var') }}")
    }
  })

  it('reports an error raised inside a macro at the call site, naming the macro and its file', () => {
    const e = engine()
    const r = e.render('models/x.sql', 'select 1\nfrom t\nwhere {{ boom() }}', scope())
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.diagnostic.file).toBe('models/x.sql')
      expect(r.diagnostic.at?.line).toBe(3)
      expect(r.diagnostic.message).toContain('in macro boom (macros/m.sql:8): boom!')
    }
  })

  it('reports syntax errors in macro files as diagnostics', () => {
    const e = new TemplateEngine({
      macroFiles: [
        {
          file: 'macros/bad.sql',
          packageName: 'p',
          text: '{% macro x() %}\n{% if %}\n{% endmacro %}',
        },
      ],
      projectName: 'p',
      vars: {},
      env: {},
      target: {},
      adapterType: 'duckdb',
    })
    expect(e.diagnostics).toHaveLength(1)
    expect(e.diagnostics[0]).toMatchObject({
      code: 'template-syntax-error',
      file: 'macros/bad.sql',
      at: { line: 2 },
    })
  })

  it('offers the Python string, list and dict methods dbt macros use', () => {
    const e = engine()
    expect(
      render(
        e,
        `{%- set cols = [] -%}{%- do cols.append('a') -%}{%- do cols.extend(['b', 'c']) -%}
{{ ', '.join(cols) | upper }}|{{ 'Lap_Time'.lower() }}|{{ ' x '.strip() }}|{{ 'a.b'.split('.') | length }}|{{ 'ab'.startswith('a') }}|{{ '{} {}'.format(1, 2) }}
{%- for k, v in {'x': 1}.items() %}|{{ k }}={{ v }}{% endfor %}|{{ {'y': 2}.get('y') }}|{{ {'y': 2}.get('z', 0) }}`,
      ),
    ).toBe('A, B, C|lap_time|x|2|True|1 2|x=1|2|0')
  })

  it('places render errors at the line and column of the failing expression', () => {
    const e = engine()
    const r = e.render(
      'models/x.sql',
      `select 1\nfrom t\nwhere x = {{ cfg.missing.deeper }}`,
      scope(),
    )
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.diagnostic.at).toEqual({ line: 3, column: 17 })
      expect(r.diagnostic.message).toContain("'cfg' is undefined")
    }
    const typed = e.render(
      'models/y.sql',
      `{% set n = 1 %}\n  {{ n ~ 'a' }} {{ n + 'a' }}`,
      scope(),
    )
    expect(typed.ok).toBe(false)
    if (!typed.ok) {
      expect(typed.diagnostic.at).toEqual({ line: 2, column: 22 })
      expect(typed.diagnostic.message).toContain(
        "unsupported operand type(s) for +: 'int' and 'str'",
      )
    }
  })
})
