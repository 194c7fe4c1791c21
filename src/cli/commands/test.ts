/**
 * @module cli/commands/test
 * `pitwall test`: run data tests and unit tests (as dbt test).
 */
import { defineCommand } from '../command-spec.js'
import { runCommandOptions } from '../transform-options.js'

/** `pitwall test`. */
export const testCommand = defineCommand({
  name: 'test',
  describe: (cmd) =>
    runCommandOptions(cmd.description('run data tests and unit tests (as dbt test)'), 'test'),
  load: () => import('../actions/run-command.js'),
})
