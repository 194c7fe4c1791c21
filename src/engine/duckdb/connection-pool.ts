/**
 * @module engine/duckdb/connection-pool
 * A bounded pool of extra connections on one DuckDB instance, for streamed reads. Every
 * connection of an instance sees the same catalogs and views; each runs its own statement, so
 * readers proceed side by side (DuckDB allows one running statement per connection) and one can
 * be interrupted without touching the others.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api'
import { EngineClosedError } from '../engine-errors.js'

/** A connection lent by the pool, with the catalog it last `USE`d. */
export interface PooledConnection {
  readonly connection: DuckDBConnection
  /** The catalog set by the last `USE` on it, if any. */
  catalog: string | undefined
}

/** Lends at most `size` connections; callers wait in FIFO order when all are out. */
export class ConnectionPool {
  private readonly idle: PooledConnection[] = []
  private readonly waiting: ((c: PooledConnection) => void)[] = []
  private readonly all: PooledConnection[] = []
  private closed = false

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly size: number,
  ) {}

  /** Borrows a connection (opening one while under `size`). Give it back with {@link release}. */
  async acquire(): Promise<PooledConnection> {
    if (this.closed) throw new EngineClosedError()
    const free = this.idle.pop()
    if (free !== undefined) return free
    if (this.all.length < this.size) {
      const pooled: PooledConnection = {
        connection: await this.instance.connect(),
        catalog: undefined,
      }
      this.all.push(pooled)
      return pooled
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  /** Returns a connection: the longest waiter gets it, else it goes idle. */
  release(pooled: PooledConnection): void {
    if (this.closed) return
    const next = this.waiting.shift()
    if (next !== undefined) next(pooled)
    else this.idle.push(pooled)
  }

  /** Closes every connection. Statements still streaming are interrupted first. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const pooled of this.all) {
      pooled.connection.interrupt()
      pooled.connection.closeSync()
    }
    this.all.length = 0
    this.idle.length = 0
  }
}
