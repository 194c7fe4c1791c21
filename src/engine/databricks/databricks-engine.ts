/**
 * @module engine/databricks/databricks-engine
 * The {@link Engine} port on a Databricks SQL warehouse: one session of the `@databricks/sql`
 * driver (opened on the target's catalog), statements run one at a time in issue order. SQL given
 * in pitwall's (DuckDB's) dialect is rewritten with {@link toDatabricksSql} first, so a statement
 * log shows exactly what Databricks ran. Values come back as the driver gives them (JSON-safe:
 * BIGINTs beyond 2^53 as strings, dates and timestamps as strings).
 */
import type { ColumnInfo, Engine, JsonValue, QueryResult, ResultRow } from '../engine.js'
import { EngineClosedError, QueryError } from '../engine-errors.js'
import { SerialQueue } from '../serial-queue.js'
import { toDatabricksSql } from './dialect.js'
import type { DatabricksClient, DatabricksSession, DriverColumn } from './driver.js'

/** Options of {@link DatabricksEngine.open}. */
export interface DatabricksEngineOptions {
  /** A connected driver client (real or the contract tests' fake). */
  readonly client: DatabricksClient
  /** The session's initial catalog (the target's). */
  readonly catalog: string
  /** The session's initial schema. */
  readonly schema?: string
  /** Called with every statement as sent (logs at debug level, tests). */
  readonly onStatement?: (sql: string) => void
}

/** `TTypeId` of the driver's Thrift schema → type name. */
const TYPE_NAMES = [
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INT',
  'BIGINT',
  'FLOAT',
  'DOUBLE',
  'STRING',
  'TIMESTAMP',
  'BINARY',
  'ARRAY',
  'MAP',
  'STRUCT',
  'UNION',
  'USER_DEFINED',
  'DECIMAL',
  'VOID',
  'DATE',
  'VARCHAR',
  'CHAR',
  'INTERVAL YEAR TO MONTH',
  'INTERVAL DAY TO SECOND',
]

/** An {@link Engine} on one Databricks SQL session. */
export class DatabricksEngine implements Engine {
  private readonly queue = new SerialQueue()
  private closed = false

  private constructor(
    private readonly client: DatabricksClient,
    private readonly session: DatabricksSession,
    private readonly onStatement: ((sql: string) => void) | undefined,
  ) {}

  /** Opens a session on `options.catalog`. */
  static async open(options: DatabricksEngineOptions): Promise<DatabricksEngine> {
    const session = await options.client.openSession({
      initialCatalog: options.catalog,
      ...(options.schema === undefined ? {} : { initialSchema: options.schema }),
    })
    return new DatabricksEngine(options.client, session, options.onStatement)
  }

  async query(sql: string): Promise<QueryResult> {
    return this.queue.push(async () => {
      if (this.closed) throw new EngineClosedError()
      const statement = toDatabricksSql(sql)
      this.onStatement?.(statement)
      let op
      try {
        op = await this.session.executeStatement(statement)
      } catch (cause) {
        throw new QueryError(statement, cause)
      }
      try {
        const schema = await op.getSchema()
        const columns: ColumnInfo[] = (schema?.columns ?? []).map(columnInfo)
        const raw = await op.fetchAll()
        return { columns, rows: raw.map(jsonRow) }
      } catch (cause) {
        throw new QueryError(statement, cause)
      } finally {
        await op.close()
      }
    })
  }

  async all(sql: string): Promise<ResultRow[]> {
    return [...(await this.query(sql)).rows]
  }

  async run(sql: string): Promise<void> {
    await this.query(sql)
  }

  async close(): Promise<void> {
    if (this.closed) return
    await this.queue.push(async () => {
      this.closed = true
      await this.session.close()
      await this.client.close()
    })
  }
}

function columnInfo(c: DriverColumn): ColumnInfo {
  const id = c.typeDesc?.types[0]?.primitiveEntry?.type
  return { name: c.columnName, type: id === undefined ? 'STRING' : (TYPE_NAMES[id] ?? 'STRING') }
}

function jsonRow(row: object): ResultRow {
  const out: ResultRow = {}
  for (const [k, v] of Object.entries(row)) out[k] = jsonValue(v)
  return out
}

function jsonValue(v: unknown): JsonValue {
  if (v === null || v === undefined) return null
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()
  if (v instanceof Date) return v.toISOString()
  if (Array.isArray(v)) return v.map(jsonValue)
  if (typeof v === 'object') {
    const o: Record<string, JsonValue> = {}
    for (const [k, x] of Object.entries(v)) o[k] = jsonValue(x)
    return o
  }
  return v as JsonValue
}
