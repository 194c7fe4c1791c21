/**
 * @module cli/commands/snapshot
 * `pitwall snapshot`: run SCD2 snapshots (as dbt snapshot).
 */
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { registerRunCommand } from './transform-run-command.js'

/** Registers `pitwall snapshot`. */
export function registerSnapshot(program: Command, context: () => CliContext): void {
  registerRunCommand(program, context, 'snapshot', 'run SCD2 snapshots (as dbt snapshot)')
}
