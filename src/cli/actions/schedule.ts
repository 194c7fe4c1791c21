/**
 * @module cli/actions/schedule
 * `pitwall schedule`: runs until SIGTERM/SIGINT (or `--max-ticks`), logging one line per tick;
 * the run in progress finishes before it stops. Exit code 0 after a clean stop.
 */
import { join } from 'node:path'
import {
  listRuns,
  parseCron,
  prepareResume,
  processedPartitions,
  runPipeline,
  runScheduler,
  type PipelineOutcome,
} from '../../pipeline/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { intOption } from '../wiring/openf1-options.js'
import {
  pipelineParams,
  seasonsVar,
  type PipelineFlags,
  type PipelineParams,
} from '../wiring/pipeline-params.js'
import { assetGraphOf, locksDir, openHistory } from '../wiring/pipeline-runtime.js'
import { pipelineStages } from '../wiring/pipeline-stages.js'
import { scheduleSettings } from '../wiring/schedule-config.js'

interface Flags extends PipelineFlags {
  delay?: string
  poll?: string
  cron?: string[]
  config?: string
  maxTicks?: string
}

/** Runs `pitwall schedule`. */
export async function run(ctx: CliContext, { opts }: ActionInput<Flags>): Promise<void> {
  const settings = scheduleSettings(ctx, opts)
  const crons = settings.crons.map(parseCron)
  const maxTicks = intOption(opts.maxTicks, '--max-ticks', 1)
  const config = await ctx.config()
  const params = pipelineParams(opts, seasonsVar(config.project.vars))
  const runtime = await openHistory(ctx)
  const controller = new AbortController()
  const stop = (signal: string) => () => {
    if (controller.signal.aborted) return
    ctx.logger.info(`schedule: ${signal} received; stopping after the current tick`)
    controller.abort()
  }
  const onTerm = stop('SIGTERM')
  const onInt = stop('SIGINT')
  process.on('SIGTERM', onTerm)
  process.on('SIGINT', onInt)
  try {
    const graph = await assetGraphOf(ctx, runtime.catalog)
    const stages = pipelineStages(ctx, params)
    const base = {
      history: runtime.history,
      graph,
      target: runtime.target,
      locksDir: locksDir(ctx),
      wait: true,
      logger: ctx.logger,
    }
    ctx.logger.info(
      `schedule: watching ${params.baseUrl} (target ${runtime.target}); delay ${settings.delayMs / 1000}s, poll every ${settings.pollMs / 1000}s${crons.length > 0 ? `, cron ${crons.map((c) => `'${c.expression}'`).join(', ')}` : ''}${settings.file === undefined ? '' : ` (from ${settings.file})`}`,
    )
    const summary = await runScheduler({
      listSessions: () => stages.discover(),
      processed: () => processedPartitions(runtime.history),
      run: (partitions, trigger) =>
        runPipeline({
          ...base,
          stages,
          params: params as unknown as Record<string, unknown>,
          partitions,
          trigger,
        }),
      resumeInterrupted: async () => {
        const out: PipelineOutcome[] = []
        for (const r of await listRuns(runtime.history)) {
          if (
            r.kind !== 'pipeline' ||
            r.display !== 'interrupted' ||
            !r.trigger.startsWith('schedule')
          )
            continue
          const resume = await prepareResume(runtime.history, r.runId)
          const p = resume.params as unknown as PipelineParams
          out.push(
            await runPipeline({
              ...base,
              stages: pipelineStages(ctx, p),
              params: resume.params,
              resume,
            }),
          )
        }
        return out
      },
      delayMs: settings.delayMs,
      pollMs: settings.pollMs,
      crons,
      statePath: join(ctx.home, 'schedule', `${runtime.target}.json`),
      ...(maxTicks === undefined ? {} : { maxTicks }),
      signal: controller.signal,
      logger: ctx.logger,
    })
    ctx.emit(
      summary,
      `schedule stopped (${summary.stoppedBy === 'signal' ? 'signal' : `${summary.ticks} tick(s)`}): ${summary.runs.length} run(s)${summary.runs.length === 0 ? '' : `: ${summary.runs.map((r) => `${r.runId} ${r.status}`).join(', ')}`}`,
    )
    if (summary.runs.some((r) => r.status === 'failed')) ctx.setExitCode(1)
  } finally {
    process.off('SIGTERM', onTerm)
    process.off('SIGINT', onInt)
    await runtime.close()
  }
}
