/**
 * @module cli/commands/build
 * `pitwall build`: seeds, models, snapshots and tests in DAG order (as dbt build).
 */
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { registerRunCommand } from './transform-run-command.js'

/** Registers `pitwall build`. */
export function registerBuild(program: Command, context: () => CliContext): void {
  registerRunCommand(
    program,
    context,
    'build',
    'seeds, models, snapshots and tests in DAG order (as dbt build)',
  )
}
