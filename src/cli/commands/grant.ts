/**
 * @module cli/commands/grant
 * `pitwall grant <privileges> --on <securable> --to <principal>` and `pitwall revoke …`:
 * Unity-Catalog-style grants kept in `<catalog>.system.grants`.
 */
import { defineCommand } from '../command-spec.js'

const PRIVILEGES_ARG =
  'comma-separated: USE CATALOG, USE SCHEMA, SELECT, MODIFY, ALL PRIVILEGES (use_schema works too)'
const ON = 'catalog[.schema[.table]]; the catalog may be a target name (dev.gold_analytics)'

/** `pitwall grant`. */
export const grantCommand = defineCommand({
  name: 'grant',
  describe: (cmd) =>
    cmd
      .description(
        'grant privileges on a catalog, schema or table to a principal (inherited downward)',
      )
      .argument('<privileges>', PRIVILEGES_ARG)
      .requiredOption('--on <securable>', ON)
      .requiredOption('--to <principal>', 'the user, service principal or group'),
  load: () => import('../actions/grant.js'),
})

/** `pitwall revoke`. */
export const revokeCommand = defineCommand({
  name: 'revoke',
  describe: (cmd) =>
    cmd
      .description('revoke privileges granted on a catalog, schema or table')
      .argument('<privileges>', PRIVILEGES_ARG)
      .requiredOption('--on <securable>', ON)
      .requiredOption('--from <principal>', 'the user, service principal or group'),
  load: () => import('../actions/revoke.js'),
})
