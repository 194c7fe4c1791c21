/**
 * @module cli/commands/build
 * `pitwall build`: seeds, models, snapshots and tests in DAG order (as dbt build).
 */
import { defineCommand } from '../command-spec.js'
import { runCommandOptions } from '../transform-options.js'

/** `pitwall build`. */
export const buildCommand = defineCommand({
  name: 'build',
  describe: (cmd) =>
    runCommandOptions(
      cmd.description('seeds, models, snapshots and tests in DAG order (as dbt build)'),
      'build',
    ),
  load: () => import('../actions/run-command.js'),
})
