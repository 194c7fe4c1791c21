/**
 * @module cli/actions/demo
 * `pitwall demo` (what `npm start` runs): every stage that exists, offline, on simulated data,
 * then a summary that says plainly which stages are still to come.
 */
import type { CliContext } from '../context.js'
import { executeCommand } from '../wiring/transform-run.js'
import { runLoad } from '../wiring/run-load.js'
import { runDemoExtract, runDemoSimulate } from '../wiring/openf1-demo.js'

/** The outcome of one demo stage. */
export interface DemoStageResult {
  readonly stage: string
  readonly status: 'ok' | 'failed' | 'to come'
  readonly detail: string
  readonly seconds?: number
}

/** One stage of the demo. `run` is absent while the stage is not built. */
export interface DemoStage {
  readonly name: string
  readonly issue?: number
  run?(ctx: CliContext): Promise<string>
}

/** The demo's stages in data-flow order. A stage gains `run` when its feature lands. */
export const DEMO_STAGES: readonly DemoStage[] = [
  {
    name: 'config',
    async run(ctx) {
      const config = await ctx.config()
      const targets = Object.keys(config.outputs).join(', ')
      return `project '${config.project.name}', profile '${config.profileName}', target ${config.targetName} (targets: ${targets})`
    },
  },
  { name: 'simulate (synthetic OpenF1 season)', issue: 3, run: runDemoSimulate },
  { name: 'replay + extract (landing zone)', issue: 3, run: runDemoExtract },
  {
    name: 'load (bronze Delta tables)',
    issue: 5,
    async run(ctx) {
      const report = await runLoad(ctx)
      const t = report.totals
      const loaded = report.tables.filter((x) => x.status === 'loaded').length
      const summary = `${t.files} landing file(s), ${t.records} records → ${loaded} bronze table(s) in ${report.catalog} (${t.rowsRescued} rescued, ${report.quarantined.length} quarantined)`
      if (report.hasFailures) throw new Error(`${summary}; see \`pitwall load\` for details`)
      return summary
    },
  },
  {
    name: 'build (silver, gold, marts, snapshots, tests)',
    issue: 7,
    async run(ctx) {
      const { outcome } = await executeCommand(ctx, 'build', {})
      const count = (s: string) => outcome.results.filter((r) => r.status === s).length
      const summary = `${outcome.results.length} node(s) in ${outcome.elapsed.toFixed(1)}s: PASS=${count('success') + count('pass')} WARN=${count('warn')} ERROR=${count('error')} FAIL=${count('fail')} SKIP=${count('skipped')}`
      if (!outcome.success) throw new Error(`${summary}; see \`pitwall build\` for details`)
      return summary
    },
  },
  { name: 'pipeline history' },
  { name: 'serve (API, SQL endpoint, dashboard)' },
]

/** Runs the stages; returns their results. A failed stage stops the ones after it. */
export async function runDemo(
  ctx: CliContext,
  stages: readonly DemoStage[] = DEMO_STAGES,
): Promise<DemoStageResult[]> {
  const results: DemoStageResult[] = []
  let failed = false
  for (const stage of stages) {
    if (stage.run === undefined) {
      const where = stage.issue === undefined ? 'planned' : `issue #${stage.issue}`
      results.push({ stage: stage.name, status: 'to come', detail: `not built yet (${where})` })
      continue
    }
    if (failed) {
      results.push({
        stage: stage.name,
        status: 'failed',
        detail: 'skipped: an earlier stage failed',
      })
      continue
    }
    const started = performance.now()
    ctx.logger.info(`demo: ${stage.name}`)
    try {
      const detail = await stage.run(ctx)
      results.push({
        stage: stage.name,
        status: 'ok',
        detail,
        seconds: (performance.now() - started) / 1000,
      })
    } catch (error) {
      failed = true
      const message = error instanceof Error ? error.message : String(error)
      results.push({
        stage: stage.name,
        status: 'failed',
        detail: message,
        seconds: (performance.now() - started) / 1000,
      })
    }
  }
  return results
}

/** Renders the results as a table for humans. */
export function formatDemoSummary(results: readonly DemoStageResult[]): string {
  const width = Math.max(...results.map((r) => r.stage.length))
  const lines = results.map((r) => {
    const mark = r.status === 'ok' ? '✔' : r.status === 'failed' ? '✘' : '·'
    const time = r.seconds === undefined ? '' : ` (${r.seconds.toFixed(1)}s)`
    return `${mark} ${r.stage.padEnd(width)}  ${r.status.padEnd(7)}  ${r.detail}${time}`
  })
  const ok = results.filter((r) => r.status === 'ok').length
  const toCome = results.filter((r) => r.status === 'to come').length
  const failed = results.filter((r) => r.status === 'failed').length
  return [
    'pitwall demo',
    ...lines,
    '',
    `${ok} stage(s) ran, ${failed} failed, ${toCome} still to come.`,
  ].join('\n')
}

/** Runs `pitwall demo`. */
export async function run(ctx: CliContext): Promise<void> {
  const results = await runDemo(ctx)
  ctx.emit({ stages: results }, formatDemoSummary(results))
  if (results.some((r) => r.status === 'failed')) ctx.setExitCode(1)
}
