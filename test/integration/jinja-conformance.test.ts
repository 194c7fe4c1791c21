/**
 * The Jinja2 conformance suite: every case of test/fixtures/jinja/conformance.json (rendered by
 * real Jinja2 3.1.6 as dbt configures it; regenerate with scripts/jinja-expectations/generate.py)
 * must render to exactly Jinja2's output, or fail where Jinja2 fails.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Relation } from '../../src/transform/template/relation.js'
import type { RenderScope } from '../../src/transform/template/render-scope.js'
import { TemplateEngine } from '../../src/transform/template/template-engine.js'
import { REPO_ROOT } from '../helpers/cli.js'

interface Case {
  readonly id: string
  readonly template: string
  readonly ctx?: Record<string, unknown>
  readonly macros?: string
  readonly output?: string
  readonly error?: string
  readonly message?: string
}

const suite = JSON.parse(
  readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'jinja', 'conformance.json'), 'utf8'),
) as { jinja2: string; cases: Case[] }

const scope: RenderScope = {
  ref: (n) => new Relation('db', 'sch', String(n)),
  source: (s, t) => new Relation('db', String(s), String(t)),
  config: () => '',
  configGet: (_k, d) => d,
  self: new Relation('db', 'sch', 'me'),
  isIncremental: () => false,
  model: {},
  execute: true,
}

/** Renders a case as pitwall renders a model: project macros from `macros`, context as globals. */
function render(c: Case): { ok: true; output: string } | { ok: false; message: string } {
  const engine = new TemplateEngine({
    macroFiles:
      c.macros === undefined ? [] : [{ file: 'macros/m.sql', text: c.macros, packageName: 'p' }],
    projectName: 'p',
    vars: {},
    env: {},
    target: {},
    adapterType: 'duckdb',
    ...(c.ctx === undefined ? {} : { globals: c.ctx }),
  })
  if (engine.diagnostics.length > 0) return { ok: false, message: engine.diagnostics[0]!.message }
  const r = engine.render('models/case.sql', c.template, scope)
  return r.ok ? { ok: true, output: r.sql } : { ok: false, message: r.diagnostic.message }
}

describe(`Jinja2 ${suite.jinja2} conformance (${suite.cases.length} cases)`, () => {
  it('has cases for every area the suite covers', () => {
    const areas = new Set(suite.cases.map((c) => c.id.split('.')[0]))
    for (const a of [
      'lit',
      'op',
      'idx',
      'str',
      'list',
      'dict',
      'for',
      'set',
      'ws',
      'macro',
      'test',
      'f',
      'dbt',
      'return',
      'ctx',
    ])
      expect(areas).toContain(a)
  })

  it.each(suite.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const got = render(c)
    if (c.error !== undefined) {
      expect(got.ok, `Jinja2 fails with ${c.message ?? c.error}`).toBe(false)
    } else {
      expect(got).toEqual({ ok: true, output: c.output })
    }
  })
})
