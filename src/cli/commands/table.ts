/**
 * @module cli/commands/table
 * `pitwall table scan|history|changes|optimize|vacuum|restore|properties <path or
 * catalog.schema.table>`: Delta table operations on the lakehouse (a `catalog.schema.table` name
 * resolves to `<home>/<catalog>/<schema>/<table>`).
 */
import type { Command } from 'commander'
import type { CliContext } from '../context.js'
import { registerTableMaintain } from './table-maintain.js'
import { registerTableRead } from './table-read.js'

/** Registers `pitwall table` and its subcommands. */
export function registerTable(program: Command, context: () => CliContext): void {
  const table = program
    .command('table')
    .description(
      'Delta table operations: scan, history, changes, optimize, vacuum, restore, properties',
    )
  registerTableRead(table, context)
  registerTableMaintain(table, context)
}
