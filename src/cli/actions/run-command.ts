/**
 * @module cli/actions/run-command
 * The action of `build`, `run`, `test`, `seed` and `snapshot`: the command's name picks what runs.
 */
import type { RunCommand } from '../../transform/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { runCommand, type RunCommandOptions } from '../wiring/transform-run.js'

/** Runs the command named by `command` with its options. */
export async function run(
  ctx: CliContext,
  { opts, command }: ActionInput<RunCommandOptions>,
): Promise<void> {
  await runCommand(ctx, command.name() as RunCommand, opts)
}
