/**
 * Parse + compile of a generated 500-model project (time per model), cold and with the parse
 * cache warm, against a baseline of the Jinja engine alone parsing and rendering the same 500
 * templates with stub functions (no project logic).
 */
import { clearTemplateCache, Environment } from '../src/transform/template/jinja/environment.js'
import { compileNode, memoryParseCache, parseProject } from '../src/transform/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'
import { generatedProject } from './transform-generated-project.js'

/** 500 by default; `PITWALL_BENCH_MODELS=50` for a quick check that the benchmark runs. */
const MODELS = Number(process.env['PITWALL_BENCH_MODELS'] ?? 500)

const bench: Benchmark = {
  name: `transform: parse + compile a ${MODELS}-model project`,
  async run() {
    const files = generatedProject(MODELS)
    clearTemplateCache()
    const cache = memoryParseCache()
    const cold = await time(() => parseProject(files, { cache }))
    const project = cold.value
    const ids = Object.keys(project.nodes)
    const compile = await time(() => {
      for (const id of ids) {
        const r = compileNode(project, id)
        if (!r.ok) throw new Error(r.diagnostic.message)
      }
    })
    const warm = await time(() => parseProject(files, { cache }))
    clearTemplateCache()
    const env = new Environment()
    const stub = {
      ref: (n: string) => n,
      source: (s: string, t: string) => `${s}.${t}`,
      config: () => '',
      is_incremental: () => false,
      this: 't',
      scaled: (c: string) => c,
    }
    const baseline = await time(() => {
      for (const [file, text] of Object.entries(files)) {
        if (file.endsWith('.sql') && file.startsWith('models/')) env.renderString(text, stub)
      }
    })
    const models = ids.filter((id) => id.startsWith('model.')).length
    const tests = ids.filter((id) => id.startsWith('test.')).length
    const measurements: Measurement[] = [
      { label: `Jinja engine only (${MODELS} templates)`, seconds: baseline.seconds },
      {
        label: 'parse, cold',
        seconds: cold.seconds,
        extra: { models, tests, msPerModel: +((cold.seconds * 1000) / models).toFixed(2) },
      },
      {
        label: 'parse, warm parse cache',
        seconds: warm.seconds,
        extra: { msPerModel: +((warm.seconds * 1000) / models).toFixed(2) },
      },
      {
        label: `compile ${ids.length} nodes`,
        seconds: compile.seconds,
        extra: { msPerNode: +((compile.seconds * 1000) / ids.length).toFixed(2) },
      },
    ]
    return {
      name: bench.name,
      measurements,
      ratios: [
        `parse+compile per model = ${(((cold.seconds + compile.seconds) * 1000) / models).toFixed(2)} ms (models and their ${tests} tests)`,
        `cold parse / Jinja-engine-only render = ${(cold.seconds / baseline.seconds).toFixed(1)}×`,
        `warm parse / cold parse = ${(warm.seconds / cold.seconds).toFixed(2)}×`,
      ],
    }
  },
}

export default bench
