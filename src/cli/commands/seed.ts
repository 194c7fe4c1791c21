/**
 * @module cli/commands/seed
 * `pitwall seed`: load CSV seeds (as dbt seed).
 */
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { registerRunCommand } from './transform-run-command.js'

/** Registers `pitwall seed`. */
export function registerSeed(program: Command, context: () => CliContext): void {
  registerRunCommand(program, context, 'seed', 'load CSV seeds (as dbt seed)')
}
