/**
 * Template engines alone on the 500 model templates of the generated project: parse + render
 * each once with stub functions. pitwall's Jinja engine always; nunjucks when it is installed;
 * minijinja-js and @huggingface/jinja when JINJA_CANDIDATES points at a node_modules folder that
 * has them (see scripts/jinja-expectations/candidates.ts for installing them). The conformance
 * pass counts come from that script; this measures speed.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { clearTemplateCache, Environment } from '../src/transform/template/jinja/environment.js'
import { time, type Benchmark, type Measurement } from './harness.js'
import { generatedProject } from './transform-generated-project.js'

const MODELS = 500

type Render = (text: string, ctx: Record<string, unknown>) => string

function candidates(): Record<string, Render> {
  const out: Record<string, Render> = {
    'pitwall jinja': (text, ctx) => new Environment().renderString(text, ctx),
  }
  const local = createRequire(import.meta.url)
  const load = (req: NodeJS.Require, name: string): unknown => {
    try {
      return req(name)
    } catch {
      return undefined
    }
  }
  const nunjucks = load(local, 'nunjucks') as
    | {
        Environment: new (l: null, o: object) => unknown
        Template: new (s: string, e: unknown) => { render(c: object): string }
      }
    | undefined
  if (nunjucks !== undefined) {
    const env = new nunjucks.Environment(null, { autoescape: false })
    out['nunjucks 3.2.4'] = (text, ctx) => new nunjucks.Template(text, env).render(ctx)
  }
  const dir = process.env['JINJA_CANDIDATES']
  if (dir !== undefined) {
    const req = createRequire(join(dir, 'x.js'))
    const mj = load(req, 'minijinja-js') as
      | {
          Environment: new () => {
            renderStr(s: string, c: object): string
            addGlobal(k: string, v: unknown): void
          }
        }
      | undefined
    if (mj !== undefined) {
      out['minijinja-js 2.11.0'] = (text, ctx) => {
        const env = new mj.Environment()
        for (const [k, v] of Object.entries(ctx)) env.addGlobal(k, v)
        return env.renderStr(text, {})
      }
    }
    const hf = load(req, '@huggingface/jinja') as
      { Template: new (s: string) => { render(c: object): string } } | undefined
    if (hf !== undefined)
      out['@huggingface/jinja 0.5.11'] = (text, ctx) => new hf.Template(text).render(ctx)
  }
  return out
}

const bench: Benchmark = {
  name: 'jinja: template engines alone on 500 model templates',
  async run() {
    const files = generatedProject(MODELS)
    const texts = Object.entries(files)
      .filter(([f]) => f.startsWith('models/') && f.endsWith('.sql'))
      .map(([, t]) => t)
    const ctx = {
      ref: (n: string) => n,
      source: (s: string, t: string) => `${s}.${t}`,
      config: () => '',
      is_incremental: () => false,
      this: 't',
      scaled: (c: string) => c,
    }
    const measurements: Measurement[] = []
    for (const [name, render] of Object.entries(candidates())) {
      // One untimed round first, so that each engine is measured with its code already compiled.
      for (const text of texts.slice(0, 50)) render(text, ctx)
      clearTemplateCache()
      const r = await time(() => {
        for (const text of texts) render(text, ctx)
      })
      measurements.push({
        label: name,
        seconds: r.seconds,
        extra: { msPerTemplate: +((r.seconds * 1000) / texts.length).toFixed(3) },
      })
    }
    const base = measurements[0]!.seconds
    return {
      name: bench.name,
      measurements,
      ratios: measurements
        .slice(1)
        .map((m) => `${m.label} / pitwall jinja = ${(m.seconds / base).toFixed(1)}×`),
    }
  },
}

export default bench
