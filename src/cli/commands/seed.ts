/**
 * @module cli/commands/seed
 * `pitwall seed`: load CSV seeds (as dbt seed).
 */
import { defineCommand } from '../command-spec.js'
import { runCommandOptions } from '../transform-options.js'

/** `pitwall seed`. */
export const seedCommand = defineCommand({
  name: 'seed',
  describe: (cmd) => runCommandOptions(cmd.description('load CSV seeds (as dbt seed)'), 'seed'),
  load: () => import('../actions/run-command.js'),
})
