/**
 * @module cli/commands/run
 * `pitwall run`: run models (as dbt run).
 */
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { registerRunCommand } from './transform-run-command.js'

/** Registers `pitwall run`. */
export function registerRun(program: Command, context: () => CliContext): void {
  registerRunCommand(program, context, 'run', 'run models (as dbt run)')
}
