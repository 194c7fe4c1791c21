/**
 * @module cli/commands/source
 * `pitwall source freshness` (as `dbt source freshness`).
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall source freshness`. */
const freshness = defineCommand({
  name: 'freshness',
  describe: (cmd) =>
    cmd
      .description('check source freshness; writes sources.json')
      .option('-s, --select <selector...>', 'sources to check, e.g. source:bronze'),
  load: () => import('../actions/source-freshness.js'),
})

/** `pitwall source`. */
export const sourceCommand = defineCommand({
  name: 'source',
  describe: (cmd) => cmd.description('source commands (as dbt source)'),
  subcommands: [freshness],
})
