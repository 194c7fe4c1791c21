/**
 * @module cli/actions/demo
 * `pitwall demo` (what `npm start` runs): simulate a race weekend, serve it with the replay
 * server, run the pipeline against it (the same run `pitwall pipeline` makes, recorded in the
 * run history), print the race classification with race times, then serve the API and
 * dashboard until Ctrl-C (`--no-serve` stops before) and print a link that opens the race signed
 * in (a 12-hour admin token in the URL's fragment). Everything happens in `<home>/demo`, and
 * every detail goes to `<home>/demo/demo.log`: the terminal gets a summary of about 25 lines.
 */
import { rmSync } from 'node:fs'
import { relative } from 'node:path'
import { runPipeline, type PipelineOutcome, type StepState } from '../../pipeline/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { stepLines } from '../format/pipeline-format.js'
import { demoContext, demoHome } from '../wiring/demo-context.js'
import {
  formatLeaderboard,
  raceLeaderboard,
  type LeaderboardRow,
} from '../wiring/demo-leaderboard.js'
import { serveDemo } from '../wiring/demo-serve.js'
import { DEMO_SEASON, runDemoSimulate, startDemoReplay } from '../wiring/openf1-demo.js'
import type { PipelineParams } from '../wiring/pipeline-params.js'
import { assetGraphOf, locksDir, openHistory } from '../wiring/pipeline-runtime.js'
import { pipelineStages } from '../wiring/pipeline-stages.js'
import { SERVE_DEFAULTS } from '../commands/serve.js'
import { untilStopped } from '../wiring/server-lifetime.js'

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
  /** The dashboard's URL on the race (with its sign-in token), or why nothing is served. */
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

  const failed = outcome.status === 'failed' || board.rows.length === 0
  if (failed) ctx.setExitCode(1)
  const result = { home: demo.home, log: logFile, simulate, run: outcome, leaderboard: board }
  if (opts.serve === false || failed) {
    const serve = opts.serve === false ? 'not started (--no-serve)' : 'not started (the run failed)'
    if (failed) say(`· serve    not started: the run failed (details in ${shown(logFile)})`)
    if (ctx.json) ctx.emit({ ...result, serve } satisfies DemoResult, '')
    return
  }
  const served = await serveDemo(demo, opts.port ?? SERVE_DEFAULTS.port, board.sessionKey)
  try {
    say(
      `✔ serve    the API and dashboard at ${served.server.url}, signed in as the demo's admin (token expires ${served.expiresAt})`,
    )
    say('')
    say(`Open the race: ${served.dashboardUrl}`)
    say('Ctrl-C to stop')
    // Scripts get the result while it serves: the link is what they came for.
    if (ctx.json) ctx.emit({ ...result, serve: served.dashboardUrl } satisfies DemoResult, '')
    demo.logger.info(`demo serve stopped (${await untilStopped()})`)
  } finally {
    await served.server.close()
  }
}
