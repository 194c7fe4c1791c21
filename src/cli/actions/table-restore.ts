/**
 * @module cli/actions/table-restore
 * `pitwall table restore <table> --version N | --timestamp T`: a new commit whose state is the
 * old version's.
 */
import { UsageError } from '../../core/index.js'
import { restoreTable } from '../../lake/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { metricsText } from '../format/metrics-text.js'
import { parseTimestamp, parseVersion, withTable } from '../wiring/table-target.js'

/** Runs `pitwall table restore`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ version?: string; timestamp?: string }>,
): Promise<void> {
  const name = String(args[0])
  const version = parseVersion(opts.version)
  const timestamp = parseTimestamp(opts.timestamp)
  if ((version === undefined) === (timestamp === undefined)) {
    throw new UsageError('give exactly one of --version N or --timestamp T')
  }
  await withTable(ctx, name, async (target) => {
    const r = await restoreTable({
      ...target,
      ...(version === undefined ? {} : { version }),
      ...(timestamp === undefined ? {} : { timestamp }),
    })
    ctx.emit(
      r,
      `restored ${name} to version ${r.metrics.restoredVersion} as version ${r.version}\n${metricsText(r.metrics)}`,
    )
  })
}
