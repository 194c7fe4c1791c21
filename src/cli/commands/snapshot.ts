/**
 * @module cli/commands/snapshot
 * `pitwall snapshot`: run SCD2 snapshots (as dbt snapshot).
 */
import { defineCommand } from '../command-spec.js'
import { runCommandOptions } from '../transform-options.js'

/** `pitwall snapshot`. */
export const snapshotCommand = defineCommand({
  name: 'snapshot',
  describe: (cmd) =>
    runCommandOptions(cmd.description('run SCD2 snapshots (as dbt snapshot)'), 'snapshot'),
  load: () => import('../actions/run-command.js'),
})
