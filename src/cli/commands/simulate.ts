/**
 * @module cli/commands/simulate
 * `pitwall simulate`: synthetic OpenF1 data (placeholder while the simulator lands).
 */
import type { Command } from 'commander'
import { NotBuiltError } from '../../core/index.js'
import type { CliContext } from '../context.js'

/** Registers `pitwall simulate`. */
export function registerSimulate(program: Command, context: () => CliContext): void {
  program
    .command('simulate')
    .description('synthetic OpenF1 data for offline demos and benchmarks')
    .action(() => {
      context()
      throw new NotBuiltError('pitwall simulate', 3)
    })
}
