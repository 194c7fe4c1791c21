/**
 * @module cli/commands/compile
 * `pitwall compile` (as `dbt compile`): renders the selected nodes to SQL without touching the
 * warehouse.
 */
import { defineCommand } from '../command-spec.js'
import { selectionOptions } from '../transform-options.js'

/** `pitwall compile`. */
export const compileCommand = defineCommand({
  name: 'compile',
  describe: (cmd) =>
    selectionOptions(
      cmd.description('render models, tests and snapshots to SQL (as dbt compile)'),
    ).option(
      '--incremental',
      'render incremental models as for an incremental run (is_incremental() true)',
    ),
  load: () => import('../actions/compile.js'),
})
