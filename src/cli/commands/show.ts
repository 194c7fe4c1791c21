/**
 * @module cli/commands/show
 * `pitwall show grants [--on <securable>] [--principal <name>]`: the grants in force, as Unity
 * Catalog's `SHOW GRANTS`.
 */
import { defineCommand } from '../command-spec.js'

const grants = defineCommand({
  name: 'grants',
  describe: (cmd) =>
    cmd
      .description(
        'show grants: on a catalog, schema or table (with what it inherits), or of a principal',
      )
      .option('--on <securable>', 'catalog[.schema[.table]] (a target name works for the catalog)')
      .option(
        '--principal <name>',
        'only grants this principal holds (directly or through groups)',
      ),
  load: () => import('../actions/show-grants.js'),
})

/** `pitwall show`. */
export const showCommand = defineCommand({
  name: 'show',
  describe: (cmd) => cmd.description('show access control: grants'),
  subcommands: [grants],
})
