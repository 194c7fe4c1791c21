/**
 * @module engine/duckdb/duckdb-row-stream
 * A DuckDB streaming result as a {@link RowStream}: chunks are fetched only when asked for, so a
 * caller that stops early (a row cap, a client that went away) never makes DuckDB compute the
 * rest; closing an unfinished stream interrupts the statement before the connection goes back
 * to the pool.
 */
import type { DuckDBResult } from '@duckdb/node-api'
import type { ColumnInfo, ResultRow, RowStream } from '../engine.js'
import { QueryError } from '../engine-errors.js'
import type { PooledConnection } from './connection-pool.js'
import { jsonValueConverter } from './json-values.js'

/** Wraps a started streaming result; `release` gives the connection back (called once). */
export class DuckDbRowStream implements RowStream {
  readonly columns: readonly ColumnInfo[]
  private readonly names: readonly string[]
  private done = false
  private closed = false

  constructor(
    private readonly sql: string,
    private readonly result: DuckDBResult,
    private readonly pooled: PooledConnection,
    private readonly release: () => void,
  ) {
    this.names = result.deduplicatedColumnNames()
    const types = result.columnTypes()
    this.columns = this.names.map((name, i) => ({ name, type: String(types[i]) }))
  }

  /** @inheritdoc */
  async next(): Promise<ResultRow[] | undefined> {
    if (this.done || this.closed) return undefined
    let chunk
    try {
      chunk = await this.result.fetchChunk()
    } catch (error) {
      this.done = true
      throw new QueryError(this.sql, error)
    }
    if (chunk === null || chunk.rowCount === 0) {
      this.done = true
      return undefined
    }
    const rows: ResultRow[] = []
    for (let r = 0; r < chunk.rowCount; r++) {
      const row: ResultRow = {}
      chunk.visitRowValues(r, (value, _row, column, type) => {
        row[this.names[column] as string] = (jsonValueConverter(value, type, jsonValueConverter) ??
          null) as ResultRow[string]
      })
      rows.push(row)
    }
    return rows
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    // An unfinished statement keeps its connection busy: stop it before lending the connection.
    if (!this.done) this.pooled.connection.interrupt()
    this.release()
  }
}
