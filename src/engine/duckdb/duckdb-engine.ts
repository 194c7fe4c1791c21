/**
 * @module engine/duckdb/duckdb-engine
 * The embedded DuckDB adapter of the {@link Engine} port. One instance per pitwall process
 * (REFERENCE.md §1: DuckDB's single-writer file lock), in memory: the Delta log on disk is the only
 * state shared between processes. All statements run on one connection through a FIFO, so callers
 * may issue them concurrently.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api'
import type { ColumnInfo, Engine, QueryResult, ResultRow } from '../engine.js'
import { EngineClosedError, QueryError } from '../engine-errors.js'
import { SerialQueue } from '../serial-queue.js'
import { jsonValueConverter } from './json-values.js'

/** Options of {@link DuckDbEngine.create}. */
export interface DuckDbEngineOptions {
  /** Worker threads (default: DuckDB's choice, all cores). */
  readonly threads?: number
  /** Memory limit, e.g. `'2GB'`. */
  readonly memoryLimit?: string
  /**
   * Serving mode: external access is off except these directories (read and write through
   * `read_parquet`/`COPY`), and the configuration is locked so SQL cannot turn it back on.
   */
  readonly sandbox?: { readonly allowedDirectories: readonly string[] }
}

/** The DuckDB engine. Build with {@link DuckDbEngine.create}; always `close()` it. */
export class DuckDbEngine implements Engine {
  private readonly queue = new SerialQueue()
  private closed = false

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Starts an in-memory DuckDB with its JSON and Parquet support. */
  static async create(options: DuckDbEngineOptions = {}): Promise<DuckDbEngine> {
    const config: Record<string, string> = {}
    if (options.threads !== undefined) config['threads'] = String(options.threads)
    if (options.memoryLimit !== undefined) config['memory_limit'] = options.memoryLimit
    const instance = await DuckDBInstance.create(':memory:', config)
    const connection = await instance.connect()
    const engine = new DuckDbEngine(instance, connection)
    if (options.sandbox !== undefined) {
      const dirs = options.sandbox.allowedDirectories
        .map((d) => `'${(d.endsWith('/') ? d : `${d}/`).replaceAll("'", "''")}'`)
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

  /** @inheritdoc */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.queue.push(async () => {
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
