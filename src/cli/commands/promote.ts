/**
 * @module cli/commands/promote
 * `pitwall promote --from stage --to prod [--select …]`: test the source, then copy its tables.
 */
import { defineCommand } from '../command-spec.js'

/** `pitwall promote`. */
export const promoteCommand = defineCommand({
  name: 'promote',
  describe: (cmd) =>
    cmd
      .description(
        "run the selected data tests on the source target's catalog and, only if all pass, copy its tables into the target catalog (recorded in pitwall runs)",
      )
      .requiredOption('--from <target>', 'source target, e.g. stage')
      .requiredOption('--to <target>', 'destination target, e.g. prod')
      .option(
        '-s, --select <selector...>',
        'models, seeds and snapshots to promote (dbt selectors; default all)',
      ),
  load: () => import('../actions/promote.js'),
})
