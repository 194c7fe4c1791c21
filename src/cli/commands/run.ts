/**
 * @module cli/commands/run
 * `pitwall run`: run models (as dbt run).
 */
import { defineCommand } from '../command-spec.js'
import { runCommandOptions } from '../transform-options.js'

/** `pitwall run`. */
export const runCommand = defineCommand({
  name: 'run',
  describe: (cmd) => runCommandOptions(cmd.description('run models (as dbt run)'), 'run'),
  load: () => import('../actions/run-command.js'),
})
