/**
 * @module cli/commands/sql
 * `pitwall sql "<query>" [--format json|csv|table] [--as <principal>]`: a query against the
 * lakehouse, tables as `catalog.schema.table`.
 */
import { defineCommand } from '../command-spec.js'
import { ROW_FORMATS } from '../format/sql-format.js'

/** `pitwall sql`. */
export const sqlCommand = defineCommand({
  name: 'sql',
  describe: (cmd) =>
    cmd
      .description('run a SQL query against the lakehouse (tables as catalog.schema.table)')
      .argument(
        '<query>',
        'the SQL to run, e.g. "select count(*) from dev_f1_data_analytics.bronze_raw.bronze_laps"',
      )
      .option('--format <format>', `output format: ${ROW_FORMATS.join(', ')} (default table)`)
      .option('--as <principal>', 'run with the grants of this principal (e.g. data_analysts)'),
  load: () => import('../actions/sql.js'),
})
