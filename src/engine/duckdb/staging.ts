/**
 * @module engine/duckdb/staging
 * Fills a DuckDB temporary table with rows given as values, through DuckDB's appender: no SQL
 * text is parsed or bound (a `VALUES` list of 7,500 audit records cost DuckDB ~2.4 CPU-s to parse;
 * appending them costs ~50 ms). Appending yields to the event loop every few hundred rows, so a
 * large batch never holds a serving process's requests up for long.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api'
import { sqlIdent } from '../../core/index.js'
import type { StagedColumn, StagedValue } from '../engine.js'

/** Rows appended between yields to the event loop. */
const SLICE = 500

function append(appender: DuckDBAppender, column: StagedColumn, value: StagedValue): void {
  if (value === null) appender.appendNull()
  else if (column.type === 'VARCHAR') appender.appendVarchar(String(value))
  else if (column.type === 'DOUBLE') appender.appendDouble(Number(value))
  else appender.appendBoolean(value === true)
}

/** Creates `temp.main.<name>` with `columns` on `connection` and appends `rows`. */
export async function appendRows(
  connection: DuckDBConnection,
  name: string,
  columns: readonly StagedColumn[],
  rows: readonly (readonly StagedValue[])[],
): Promise<void> {
  const list = columns.map((c) => `${sqlIdent(c.name)} ${c.type}`).join(', ')
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(name)} (${list})`)
  const appender = await connection.createAppender(name, 'main', 'temp')
  try {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!
      for (let c = 0; c < columns.length; c++) append(appender, columns[c]!, row[c] ?? null)
      appender.endRow()
      if (r % SLICE === SLICE - 1) await new Promise((resolve) => setImmediate(resolve))
    }
  } catch (error) {
    appender.clear()
    throw error
  } finally {
    appender.closeSync()
  }
}
