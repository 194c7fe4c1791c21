/**
 * @module cli/actions/demo
 * `pitwall demo` (what `npm start` runs): simulate a race weekend, serve it with the replay
 * server, run the pipeline against it (the same run `pitwall pipeline` makes, recorded in the
 * run history), print the race classification with race times, then serve the API and
 * dashboard until Ctrl-C (`--no-serve` stops before). Everything happens in `<home>/demo`, and
 * every detail goes to `<home>/demo/demo.log`: the terminal gets a summary of about 25 lines.
 */
import { rmSync } from 'node:fs'
import { relative } from 'node:path'
import { runPipeline, type PipelineOutcome, type StepState } from '../../pipeline/index.js'
import type { ActionInput, ActionModule } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { stepLines } from '../format/pipeline-format.js'
import { demoContext, demoHome } from '../wiring/demo-context.js'
import {
  formatLeaderboard,
  raceLeaderboard,
  type LeaderboardRow,
} from '../wiring/demo-leaderboard.js'
import { DEMO_SEASON, runDemoSimulate, startDemoReplay } from '../wiring/openf1-demo.js'
import type { PipelineParams } from '../wiring/pipeline-params.js'
import { assetGraphOf, locksDir, openHistory } from '../wiring/pipeline-runtime.js'
import { pipelineStages } from '../wiring/pipeline-stages.js'

interface DemoFlags {
  serve?: boolean
  port?: string
  fresh?: boolean
}

/** What the demo produced (its `--json` body). */
export interface DemoResult {
  readonly home: string
  readonly log: string
  readonly simulate: string
  readonly run: PipelineOutcome
  readonly leaderboard: {
    readonly sessionKey: number | null
    readonly rows: readonly LeaderboardRow[]
  }
  readonly serve: string
}

/** Runs `pitwall demo`. */
export async function run(ctx: CliContext, input: ActionInput<DemoFlags>): Promise<void> {
  const { opts } = input
  if (opts.fresh === true) rmSync(demoHome(ctx), { recursive: true, force: true })
  const { ctx: demo, logFile } = demoContext(ctx)
  const say = (line: string): void => {
    if (!ctx.json) ctx.io.stdout.write(`${line}\n`)
  }
  const shown = (p: string): string => relative(ctx.io.cwd, p) || '.'
  say(`pitwall demo: home ${shown(demo.home)}, details in ${shown(logFile)}`)

  const t0 = performance.now()
  const simulate = await runDemoSimulate(demo)
  say(`✔ simulate ${simulate} (${((performance.now() - t0) / 1000).toFixed(1)} s)`)

  const server = await startDemoReplay(demo)
  let outcome: PipelineOutcome
  const history = await openHistory(demo)
  try {
    say(`✔ replay   the simulated weekend as the OpenF1 API at ${server.url}`)
    const params: PipelineParams = {
      baseUrl: server.url,
      years: [DEMO_SEASON.year],
      // The local replay server has no rate limit; the client's own limit keeps it polite.
      rate: '200/1s',
      concurrency: 4,
      retries: 3,
      timeoutSeconds: 60,
    }
    outcome = await runPipeline({
      stages: pipelineStages(demo, params),
      history: history.history,
      graph: await assetGraphOf(demo, history.catalog),
      target: history.target,
      params: { ...params },
      locksDir: locksDir(demo),
      trigger: 'demo',
      logger: demo.logger,
      onStep: (step: string, state: StepState) => {
        if (state.status !== 'running') say(stepLines({ [step]: state })[0] ?? step)
      },
    })
  } finally {
    await history.close()
    await server.close()
  }
  say(
    outcome.status === 'nothing-new'
      ? `· history  nothing new since the last demo run: nothing was written`
      : `${outcome.status === 'success' ? '✔' : '✘'} history  run ${outcome.runId} in ${history.catalog}.system.pipeline_runs (pitwall --home ${shown(demo.home)} runs)`,
  )
  for (const f of outcome.summary.failures) say(`  failed: ${f}`)

  const board = await raceLeaderboard(demo.home, history.catalog)
  if (board.rows.length > 0) {
    say('')
    say(
      `Race (session ${board.sessionKey ?? '?'}), from ${history.catalog}.gold_analytics.race_results:`,
    )
    for (const line of formatLeaderboard(board.rows)) say(`  ${line}`)
  }
  say('')
  say(
    `Query it: npx pitwall --home ${shown(demo.home)} sql "select * from ${history.catalog}.gold_analytics.race_results"`,
  )

  const serve =
    opts.serve === false ? 'not started (--no-serve)' : await serveIfBuilt(demo, input, say)
  if (ctx.json)
    ctx.emit(
      {
        home: demo.home,
        log: logFile,
        simulate,
        run: outcome,
        leaderboard: board,
        serve,
      } satisfies DemoResult,
      '',
    )
  if (outcome.status === 'failed' || board.rows.length === 0) ctx.setExitCode(1)
}

/**
 * Serves the demo's lakehouse with `pitwall serve` when that command is built (issue 13), until
 * Ctrl-C; says so when it is not.
 */
async function serveIfBuilt(
  demo: CliContext,
  input: ActionInput<DemoFlags>,
  say: (line: string) => void,
): Promise<string> {
  let mod: ActionModule<{ port?: string }>
  try {
    // A path in a variable: the serving command may not exist in this build.
    const path = './serve.js'
    mod = (await import(path)) as ActionModule<{ port?: string }>
  } catch {
    say('· serve    the API and dashboard are not built yet (issue 13); the data is ready for them')
    return 'not built yet'
  }
  say(`Serving the API and dashboard on port ${input.opts.port ?? '8080'} (Ctrl-C to stop)…`)
  await mod.run(demo, {
    args: [],
    opts: { port: input.opts.port ?? '8080' },
    command: input.command,
  })
  return 'stopped'
}
