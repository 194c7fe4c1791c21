/**
 * @module cli/commands/sql
 * `pitwall sql "<query>" [--format json|csv|table] [--as <principal>] [--max-rows N]
 * [--timeout S]`: a query against the lakehouse, tables as `catalog.schema.table`.
 */
import { defineCommand } from '../command-spec.js'
import { ROW_FORMATS } from '../format/sql-format.js'

/** `pitwall sql`. */
export const sqlCommand = defineCommand({
  name: 'sql',
  describe: (cmd) =>
    cmd
      .description(
        'run a SQL query against the lakehouse (tables as catalog.schema.table); as the local admin, or with --as a principal’s grants',
      )
      .argument(
        '<query>',
        'the SQL to run, e.g. "select count(*) from dev_f1_data_analytics.bronze_raw.bronze_laps"',
      )
      .option('--format <format>', `output format: ${ROW_FORMATS.join(', ')} (default table)`)
      .option(
        '--as <principal>',
        'run with the grants of this principal (e.g. data_analysts): one SELECT, sandboxed, limited, audited',
      )
      .option('--max-rows <n>', 'rows to print at most (table default 1000; with --as 1000000)')
      .option('--timeout <seconds>', 'with --as: cancel the query after this long (default 300)'),
  load: () => import('../actions/sql.js'),
})
