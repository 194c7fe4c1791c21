/**
 * @module cli/duckdb-executor
 * A tiny {@link SqlExecutor} over one in-process DuckDB connection (`@duckdb/node-api`), used by
 * `pitwall table` and the Delta writer's tests until the engine adapter offers one. Statements are
 * serialised on the connection (DuckDB connections are not re-entrant).
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import type { SqlExecutor, SqlRow } from '../lake/index.js'

/** A {@link SqlExecutor} that owns its DuckDB instance; call {@link close} when done. */
export interface ClosableSqlExecutor extends SqlExecutor {
  /** Closes the connection and the instance. */
  close(): void
}

/** Opens an in-memory DuckDB and wraps it as a {@link SqlExecutor}. */
export async function openDuckDbExecutor(): Promise<ClosableSqlExecutor> {
  const instance = await DuckDBInstance.create(':memory:')
  const connection: DuckDBConnection = await instance.connect()
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn)
    queue = next.catch(() => undefined)
    return next
  }
  return {
    all: (sql) =>
      serial(async () => {
        const reader = await connection.runAndReadAll(sql)
        return reader.getRowObjectsJS() as SqlRow[]
      }),
    run: (sql) =>
      serial(async () => {
        await connection.run(sql)
      }),
    close() {
      connection.closeSync()
      instance.closeSync()
    },
  }
}
