/**
 * @module cli/commands/table
 * `pitwall table scan|history|changes|optimize|vacuum|restore|properties <path or
 * catalog.schema.table>`: Delta table operations on the lakehouse (a `catalog.schema.table` name
 * resolves to `<home>/<catalog>/<schema>/<table>`).
 */
import type { Command } from 'commander'
import { collectRaw, defineCommand, type CommandSpec } from '../command-spec.js'
import { ROW_FORMATS } from '../format/sql-format.js'

const TABLE_ARG = 'a table path or catalog.schema.table'

const withFormat = (cmd: Command): Command =>
  cmd.option('--format <format>', `output format: ${ROW_FORMATS.join(', ')} (default table)`)

const scan = defineCommand({
  name: 'scan',
  describe: (cmd) =>
    withFormat(
      cmd
        .description('print the rows of a Delta table (time travel with --version or --timestamp)')
        .argument('<table>', TABLE_ARG)
        .option('--version <n>', 'read this version')
        .option('--timestamp <t>', 'read the version current at this time (ISO 8601 or epoch ms)')
        .option('--limit <n>', 'at most this many rows'),
    ),
  load: () => import('../actions/table-scan.js'),
})

const history = defineCommand({
  name: 'history',
  describe: (cmd) =>
    withFormat(
      cmd
        .description('print the commits of a Delta table, newest first')
        .argument('<table>', TABLE_ARG)
        .option('--limit <n>', 'only the newest n commits'),
    ),
  load: () => import('../actions/table-history.js'),
})

const changes = defineCommand({
  name: 'changes',
  describe: (cmd) =>
    withFormat(
      cmd
        .description(
          'print the change data feed of a Delta table between two versions (needs delta.enableChangeDataFeed)',
        )
        .argument('<table>', TABLE_ARG)
        .option(
          '--from <n>',
          'first version (inclusive); default the first version from which the change data feed is on',
        )
        .option('--to <n>', 'last version (inclusive); default the latest')
        .option('--version <n>', 'only the changes of this one version'),
    ),
  load: () => import('../actions/table-changes.js'),
})

const optimize = defineCommand({
  name: 'optimize',
  describe: (cmd) =>
    cmd
      .description('compact small files (bin-packing), optionally Z-ordered by columns')
      .argument('<table>', TABLE_ARG)
      .option(
        '--zorder-by <columns>',
        'comma-separated columns to Z-order by, e.g. session_key,driver_number',
      )
      .option('--partition <col=value>', 'only this partition (repeatable)', collectRaw)
      .option(
        '--target-size <bytes>',
        'target file size in bytes (default delta.targetFileSize or 100 MiB)',
      ),
  load: () => import('../actions/table-optimize.js'),
})

const vacuum = defineCommand({
  name: 'vacuum',
  describe: (cmd) =>
    cmd
      .description('delete data files no longer needed by versions within the retention')
      .argument('<table>', TABLE_ARG)
      .option(
        '--retain <duration>',
        "retention, e.g. 168h, 7d or 'interval 7 days' (default the table's, 7 days)",
      )
      .option('--dry-run', 'list the files that would be deleted, delete nothing')
      .option(
        '--force',
        "allow a retention shorter than the table's delta.deletedFileRetentionDuration",
      ),
  load: () => import('../actions/table-vacuum.js'),
})

const restore = defineCommand({
  name: 'restore',
  describe: (cmd) =>
    cmd
      .description('restore a Delta table to an earlier version (a new commit)')
      .argument('<table>', TABLE_ARG)
      .option('--version <n>', 'the version to restore')
      .option('--timestamp <t>', 'restore the version current at this time (ISO 8601 or epoch ms)'),
  load: () => import('../actions/table-restore.js'),
})

const properties = defineCommand({
  name: 'properties',
  describe: (cmd) =>
    cmd
      .description('show table properties, or change them with --set key=value / --unset key')
      .argument('<table>', TABLE_ARG)
      .option('--set <key=value>', 'set a property (repeatable)', collectRaw)
      .option('--unset <key>', 'remove a property (repeatable)', collectRaw),
  load: () => import('../actions/table-properties.js'),
})

/** `pitwall table` and its subcommands. */
export const tableCommand: CommandSpec = defineCommand({
  name: 'table',
  describe: (cmd) =>
    cmd.description(
      'Delta table operations: scan, history, changes, optimize, vacuum, restore, properties',
    ),
  subcommands: [scan, history, changes, optimize, vacuum, restore, properties],
})
