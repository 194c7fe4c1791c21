/**
 * @module cli/commands/ls
 * `pitwall ls` (as `dbt ls`): lists the project's nodes that a selection matches.
 */
import { defineCommand } from '../command-spec.js'
import { selectionOptions } from '../transform-options.js'

/** Output formats of `pitwall ls`. */
export const LS_OUTPUTS = ['selector', 'name', 'path', 'json'] as const

/** `pitwall ls`. */
export const lsCommand = defineCommand({
  name: 'ls',
  describe: (cmd) =>
    selectionOptions(cmd.alias('list').description('list project resources (as dbt ls)'))
      .option(
        '--resource-type <type...>',
        'only these types: model, seed, snapshot, test, unit_test, source, analysis',
      )
      .option('--output <format>', `one of ${LS_OUTPUTS.join(', ')}`, 'selector'),
  load: () => import('../actions/ls.js'),
})
