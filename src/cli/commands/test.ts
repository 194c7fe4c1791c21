/**
 * @module cli/commands/test
 * `pitwall test`: run data tests and unit tests (as dbt test).
 */
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { registerRunCommand } from './transform-run-command.js'

/** Registers `pitwall test`. */
export function registerTest(program: Command, context: () => CliContext): void {
  registerRunCommand(program, context, 'test', 'run data tests and unit tests (as dbt test)')
}
