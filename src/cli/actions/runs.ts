/**
 * @module cli/actions/runs
 * `pitwall runs [--last N] [--markdown]`: the run list; `--json` gives each run with its assets.
 */
import { listRuns } from '../../pipeline/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatRunList, runsMarkdown } from '../format/pipeline-format.js'
import { intOption } from '../wiring/openf1-options.js'
import { openHistory } from '../wiring/pipeline-runtime.js'

/** Runs `pitwall runs`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ last?: string; markdown?: boolean }>,
): Promise<void> {
  const last = intOption(opts.last, '--last', 1)
  const runtime = await openHistory(ctx)
  try {
    const runs = await listRuns(runtime.history, last)
    ctx.emit(
      { catalog: runtime.catalog, target: runtime.target, runs },
      opts.markdown === true ? runsMarkdown(runs) : formatRunList(runs, runtime.catalog),
    )
  } finally {
    await runtime.close()
  }
}
