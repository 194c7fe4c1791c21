/**
 * @module cli/actions/runs-show
 * `pitwall runs show <id>`: one run with its steps and assets (`--json`: every asset row).
 */
import { showRun } from '../../pipeline/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatRunDetail, runsMarkdown } from '../format/pipeline-format.js'
import { openHistory } from '../wiring/pipeline-runtime.js'

/** Runs `pitwall runs show <id>`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ markdown?: boolean }>,
): Promise<void> {
  const runtime = await openHistory(ctx)
  try {
    const view = await showRun(runtime.history, String(args[0]))
    ctx.emit(view, opts.markdown === true ? runsMarkdown([view]) : formatRunDetail(view))
  } finally {
    await runtime.close()
  }
}
