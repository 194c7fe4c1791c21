/**
 * @module cli/commands/debug
 * `pitwall debug` (as `dbt debug`): shows the configuration in force and checks it loads.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall debug`. */
export const debugCommand = defineCommand({
  name: 'debug',
  describe: (cmd) =>
    cmd.description('show the configuration in force and check that it is valid (as dbt debug)'),
  load: () => import('../actions/debug.js'),
})
