/**
 * @module cli/actions/pipeline
 * `pitwall pipeline`: one run from the API to gold (or `--resume <id>` of a failed or
 * interrupted one). Exit code 0 when it succeeded or had nothing new, 1 when work failed.
 */
import { prepareResume, runPipeline, type RunRecord } from '../../pipeline/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatPipelineOutcome } from '../format/pipeline-format.js'
import {
  pipelineParams,
  seasonsVar,
  type PipelineFlags,
  type PipelineParams,
} from '../wiring/pipeline-params.js'
import { assetGraphOf, locksDir, openHistory } from '../wiring/pipeline-runtime.js'
import { pipelineStages } from '../wiring/pipeline-stages.js'

interface Flags extends PipelineFlags {
  resume?: string
  wait?: boolean
}

/** Runs `pitwall pipeline`. */
export async function run(ctx: CliContext, { opts }: ActionInput<Flags>): Promise<void> {
  const runtime = await openHistory(ctx)
  try {
    let params: PipelineParams
    let resume: RunRecord | undefined
    if (opts.resume !== undefined) {
      resume = await prepareResume(runtime.history, opts.resume)
      params = resume.params as unknown as PipelineParams
      ctx.logger.info(`resuming run ${resume.runId} (attempt ${resume.attempt + 1})`)
    } else {
      const config = await ctx.config()
      params = pipelineParams(opts, seasonsVar(config.project.vars))
    }
    const outcome = await runPipeline({
      stages: pipelineStages(ctx, params),
      history: runtime.history,
      graph: await assetGraphOf(ctx, runtime.catalog),
      target: runtime.target,
      params: params as unknown as Record<string, unknown>,
      locksDir: locksDir(ctx),
      wait: opts.wait === true,
      ...(resume === undefined ? {} : { resume }),
      logger: ctx.logger,
    })
    ctx.emit(outcome, formatPipelineOutcome(outcome, runtime.target))
    if (outcome.status === 'failed') ctx.setExitCode(1)
  } finally {
    await runtime.close()
  }
}
