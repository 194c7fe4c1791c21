/**
 * Runs the Jinja2 conformance suite (test/fixtures/jinja/conformance.json) on candidate template
 * engines and prints the pass count of each: pitwall's engine, and, when they can be imported
 * (install them in a scratch folder and point JINJA_CANDIDATES at its node_modules),
 * minijinja-js and @huggingface/jinja. Each third-party candidate gets the same plain dbt
 * context functions; macro files are prepended to the template (neither has dbt's return()).
 *
 *   mkdir /tmp/jeval && (cd /tmp/jeval && npm init -y && npm i minijinja-js@2.11.0 @huggingface/jinja@0.5.11)
 *   JINJA_CANDIDATES=/tmp/jeval/node_modules npx tsx scripts/jinja-expectations/candidates.ts [--failures]
 *
 * nunjucks 3.2.4 with pitwall's former shims (commit 9d04221) passed 82 of the 315 cases.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { BUILTIN_MACRO_FILES } from '../../src/transform/template/builtin-macros.js'
import { Relation } from '../../src/transform/template/relation.js'
import type { RenderScope } from '../../src/transform/template/render-scope.js'
import { TemplateEngine } from '../../src/transform/template/template-engine.js'

interface Case {
  id: string
  template: string
  ctx?: Record<string, unknown>
  macros?: string
  output?: string
  error?: string
}

type Render = (c: Case) => string

const suite = JSON.parse(
  readFileSync(new URL('../../test/fixtures/jinja/conformance.json', import.meta.url), 'utf8'),
) as { cases: Case[] }

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

function pitwall(c: Case): string {
  const engine = new TemplateEngine({
    macroFiles: [
      ...BUILTIN_MACRO_FILES,
      ...(c.macros === undefined || c.macros === null
        ? []
        : [{ file: 'macros/m.sql', text: c.macros, packageName: 'p' }]),
    ],
    projectName: 'p',
    vars: {},
    env: {},
    target: {},
    adapterType: 'duckdb',
    globals: c.ctx ?? {},
  })
  if (engine.diagnostics.length > 0) throw new Error(engine.diagnostics[0]!.message)
  const r = engine.render('models/x.sql', c.template, scope)
  if (!r.ok) throw new Error(r.diagnostic.message)
  return r.sql
}

/** The dbt context functions, in plain JavaScript, for the third-party candidates. */
function dbtFunctions(): Record<string, unknown> {
  return {
    return: () => '',
    zip: (...lists: unknown[][]) => (lists[0] ?? []).map((_, i) => lists.map((l) => l[i])),
    set: (l: unknown[]) => [...new Set(l)],
    tojson: (v: unknown) => JSON.stringify(v),
    fromjson: (s: string) => JSON.parse(s) as unknown,
    local_md5: (s: string) => createHash('md5').update(s).digest('hex'),
    log: () => '',
    print: () => '',
    exceptions: {
      raise_compiler_error: (m: string) => {
        throw new Error(m)
      },
    },
  }
}

function candidates(): Record<string, Render> {
  const out: Record<string, Render> = { 'pitwall jinja': pitwall }
  const dir = process.env['JINJA_CANDIDATES']
  if (dir === undefined) return out
  const require = createRequire(join(dir, 'x.js'))
  const mj = require('minijinja-js') as {
    Environment: new () => {
      enablePyCompat(): void
      addGlobal(n: string, v: unknown): void
      addFilter(n: string, f: unknown): void
      renderStr(s: string, ctx: unknown): string
    }
  }
  out['minijinja-js 2.11.0'] = (c) => {
    const env = new mj.Environment()
    env.enablePyCompat()
    for (const [k, v] of Object.entries(dbtFunctions())) env.addGlobal(k, v)
    for (const f of ['as_bool', 'as_text', 'as_number', 'as_native'])
      env.addFilter(f, (x: unknown) => x)
    return env.renderStr((c.macros ?? '') + c.template, c.ctx ?? {})
  }
  const hf = require('@huggingface/jinja') as {
    Template: new (s: string) => { render(ctx: unknown): string }
  }
  out['@huggingface/jinja 0.5.11'] = (c) =>
    new hf.Template((c.macros ?? '') + c.template).render({ ...dbtFunctions(), ...c.ctx })
  return out
}

const showFailures = process.argv.includes('--failures')
for (const [name, render] of Object.entries(candidates())) {
  let pass = 0
  const failed: string[] = []
  for (const c of suite.cases) {
    let got: { output: string } | { error: string }
    try {
      got = { output: render(c) }
    } catch (error) {
      got = { error: error instanceof Error ? error.message : String(error) }
    }
    const ok = c.error !== undefined ? 'error' in got : 'output' in got && got.output === c.output
    if (ok) pass++
    else
      failed.push(
        `  ${c.id}: expected ${JSON.stringify(c.output ?? `error (${c.error})`)}, got ${JSON.stringify('output' in got ? got.output : `error: ${got.error.split('\n')[0]}`)}`,
      )
  }
  console.log(`${name}: ${pass}/${suite.cases.length} cases pass`)
  if (showFailures) console.log(failed.join('\n'))
}
