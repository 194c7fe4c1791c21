/**
 * @module engine/duckdb/duckdb-engine
 * The embedded DuckDB adapter of the {@link Engine} port. One instance per pitwall process
 * (REFERENCE.md §1: DuckDB's single-writer file lock), in memory: the Delta log on disk is the only
 * state shared between processes. `query`/`all`/`run` go through one connection and a FIFO, so
 * callers may issue them concurrently; `stream` borrows a connection of its own from a small pool
 * so serving reads run side by side and can be interrupted one by one. `stageRows` fills a
 * temporary table through DuckDB's appender (bulk appends without SQL text, `staging.ts`).
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api'
import { sqlIdent, sqlString } from '../../core/index.js'
import type {
  ColumnInfo,
  QueryResult,
  ResultRow,
  RowStream,
  StagedColumn,
  StagedValue,
  StagingEngine,
  StreamingEngine,
  StreamOptions,
} from '../engine.js'
import { EngineClosedError, QueryError } from '../engine-errors.js'
import { SerialQueue } from '../serial-queue.js'
import { ConnectionPool } from './connection-pool.js'
import { DuckDbRowStream } from './duckdb-row-stream.js'
import { jsonValueConverter } from './json-values.js'
import { appendRows } from './staging.js'

/** Options of {@link DuckDbEngine.create}. */
export interface DuckDbEngineOptions {
  /** Worker threads (default: DuckDB's choice, all cores). */
  readonly threads?: number
  /** Memory limit, e.g. `'2GB'`: past it DuckDB spills to `tempDirectory` or fails the query. */
  readonly memoryLimit?: string
  /** Where DuckDB spills when a query exceeds the memory limit (default: DuckDB's `.tmp`). */
  readonly tempDirectory?: string
  /**
   * Keep parsed Parquet footers between statements (DuckDB's `parquet_metadata_cache`; default
   * off, as DuckDB's). Delta data files are immutable, so it is safe, but the warehouse build,
   * its tests and a no-op rebuild were not faster with it (bench/duckdb-parquet-metadata-cache).
   */
  readonly parquetMetadataCache?: boolean
  /** Connections lent to {@link DuckDbEngine.stream} at once (default 4). */
  readonly readConnections?: number
  /**
   * Serving mode: external access is off except these directories (read and write through
   * `read_parquet`/`COPY`), and the configuration is locked so SQL cannot turn it back on.
   */
  readonly sandbox?: { readonly allowedDirectories: readonly string[] }
}

/** The DuckDB engine. Build with {@link DuckDbEngine.create}; always `close()` it. */
export class DuckDbEngine implements StreamingEngine, StagingEngine {
  private readonly queue = new SerialQueue()
  private closed = false

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly pool: ConnectionPool,
  ) {}

  /** Starts an in-memory DuckDB with its JSON and Parquet support. */
  static async create(options: DuckDbEngineOptions = {}): Promise<DuckDbEngine> {
    const config: Record<string, string> = {}
    if (options.threads !== undefined) config['threads'] = String(options.threads)
    if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit
    if (options.tempDirectory !== undefined) config['temp_directory'] = options.tempDirectory
    const instance = await DuckDBInstance.create(':memory:', config)
    const connection = await instance.connect()
    const pool = new ConnectionPool(instance, Math.max(1, options.readConnections ?? 4))
    const engine = new DuckDbEngine(instance, connection, pool)
    // DuckDB's build_side_probe_side optimizer turns `x IN (subquery)` into a RIGHT_SEMI join
    // that builds its hash table on x — every column of every bronze row — when it cannot
    // estimate the subquery (the warehouse's "sessions with new rows" filter). Adding race 24 to
    // 23 then cost 30 CPU s and 1.6 GB instead of 6 s and 0.3 GB (issue 16), growing with history.
    // Without it a semi join builds on the subquery's side, as written.
    await engine.run(`SET GLOBAL disabled_optimizers = 'build_side_probe_side'`)
    if (options.parquetMetadataCache === true) {
      // Not in `config`: the setting belongs to the Parquet extension, which loads after
      // startup. GLOBAL so the pooled read connections share it.
      await engine.run(`SET GLOBAL parquet_metadata_cache = true`)
    }
    if (options.sandbox !== undefined) {
      const dirs = options.sandbox.allowedDirectories
        .map((d) => sqlString(d.endsWith('/') ? d : `${d}/`))
        .join(', ')
      await engine.run(
        [
          `SET allowed_directories = [${dirs}]`,
          `SET enable_external_access = false`,
          `SET lock_configuration = true`,
        ].join(';\n'),
      )
    }
    return engine
  }

  /** @inheritdoc */
  query(sql: string): Promise<QueryResult> {
    return this.exec(sql, (result) => {
      const names = result.deduplicatedColumnNames()
      const types = result.columnTypes()
      const columns: ColumnInfo[] = names.map((name, i) => ({ name, type: String(types[i]) }))
      const rows = result.convertRowObjects(jsonValueConverter) as ResultRow[]
      return { columns, rows: rows.map((r) => fillNulls(r, names)) }
    })
  }

  /** @inheritdoc */
  async all(sql: string): Promise<ResultRow[]> {
    return [...(await this.query(sql)).rows]
  }

  /** @inheritdoc */
  async run(sql: string): Promise<void> {
    this.assertOpen()
    await this.queue.push(async () => {
      try {
        await this.connection.run(sql)
      } catch (error) {
        throw new QueryError(sql, error)
      }
    })
  }

  /**
   * @inheritdoc
   * Runs on a pooled connection, not the FIFO one: waits only when every pooled connection is
   * busy. Aborting `options.signal` interrupts the statement (DuckDB's interrupt).
   */
  async stream(sql: string, options: StreamOptions = {}): Promise<RowStream> {
    this.assertOpen()
    options.signal?.throwIfAborted()
    const pooled = await this.pool.acquire()
    const onAbort = (): void => pooled.connection.interrupt()
    options.signal?.addEventListener('abort', onAbort)
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      options.signal?.removeEventListener('abort', onAbort)
      this.pool.release(pooled)
    }
    try {
      options.signal?.throwIfAborted()
      if (options.defaultCatalog !== undefined && pooled.catalog !== options.defaultCatalog) {
        await pooled.connection.run(`USE ${sqlIdent(options.defaultCatalog)}`)
        pooled.catalog = options.defaultCatalog
      }
      const result = await pooled.connection.stream(sql)
      return new DuckDbRowStream(sql, result, pooled, release)
    } catch (error) {
      release()
      if (error instanceof QueryError) throw error
      throw new QueryError(sql, error)
    }
  }

  /** @inheritdoc Runs on the FIFO connection, so `query`/`all`/`run` see the table. */
  async stageRows(
    name: string,
    columns: readonly StagedColumn[],
    rows: readonly (readonly StagedValue[])[],
  ): Promise<void> {
    this.assertOpen()
    await this.queue.push(async () => {
      try {
        await appendRows(this.connection, name, columns, rows)
      } catch (error) {
        throw new QueryError(`stage ${name} (${rows.length} rows)`, error)
      }
    })
  }

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.queue.push(async () => {
      this.pool.close()
      this.connection.closeSync()
      this.instance.closeSync()
    })
  }

  private async exec<T>(sql: string, read: (r: DuckDBResultReader) => T): Promise<T> {
    this.assertOpen()
    return this.queue.push(async () => {
      let result: DuckDBResultReader
      try {
        result = await this.connection.runAndReadAll(sql)
      } catch (error) {
        throw new QueryError(sql, error)
      }
      return read(result)
    })
  }

  private assertOpen(): void {
    if (this.closed) throw new EngineClosedError()
  }
}

function fillNulls(row: Record<string, unknown>, names: readonly string[]): ResultRow {
  const out: ResultRow = {}
  for (const name of names) out[name] = (row[name] ?? null) as ResultRow[string]
  return out
}
