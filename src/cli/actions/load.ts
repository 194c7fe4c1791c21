/**
 * @module cli/actions/load
 * `pitwall load [--endpoints a,b]`: landing zone → bronze Delta tables of the target's catalog
 * (`<catalog>.bronze_raw.bronze_<endpoint>`), each landing file exactly once. Exit code 1 when a
 * file was quarantined or a table failed; the report lists them and reconciles the row counts.
 */
import { formatLoadReport } from '../../load/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { runLoad } from '../wiring/run-load.js'

/** Runs `pitwall load`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ endpoints?: string }>,
): Promise<void> {
  const endpoints = opts.endpoints
    ?.split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '')
  const report = await runLoad(ctx, endpoints === undefined ? {} : { endpoints })
  ctx.emit(report, formatLoadReport(report))
  if (report.hasFailures) ctx.setExitCode(1)
}
