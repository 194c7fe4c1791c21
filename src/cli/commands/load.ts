/**
 * @module cli/commands/load
 * `pitwall load`: landing zone → bronze Delta tables of the target's catalog.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall load`. */
export const loadCommand = defineCommand({
  name: 'load',
  describe: (cmd) =>
    cmd
      .description(
        'landing zone → bronze Delta tables (exactly once per file, schema evolution, rescued data, quarantine)',
      )
      .option('--endpoints <list>', 'only these endpoints, comma-separated (default: all)'),
  load: () => import('../actions/load.js'),
})
