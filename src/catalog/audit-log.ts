/**
 * @module catalog/audit-log
 * Every governed read — API route, SQL endpoint, export, `pitwall sql --as` — and every refused
 * request becomes one row of `<catalog>.system.audit_log` (a Delta table partitioned by
 * `event_date`): when, who, what, which objects, how many rows, allowed or not, the request id
 * and client address, and for SQL the statement and its plan. Records are buffered and written
 * in batches (one commit per batch) so auditing never slows reads; `close()` writes the rest.
 * Token-shaped strings are redacted from every text field, so a secret pasted into a query or a
 * header never reaches the table. On an engine that can stage rows (DuckDB) a batch goes in as
 * values through a temporary table: as a `VALUES` list, parsing a few thousand records cost
 * DuckDB more CPU than the requests they record.
 */
import { sqlIdent, sqlString } from '../core/index.js'
import { canStage, type StagedColumn, type StagedValue } from '../engine/index.js'
import { writeTable } from '../lake/index.js'
import { systemTableLocation, type CatalogStorage } from './system-tables.js'
import { layerTableProperties } from './table-properties.js'

/** The audit table's name in the `system` schema. */
export const AUDIT_TABLE = 'audit_log'

/** How a request ended. */
export type AuditOutcome =
  'ok' | 'truncated' | 'denied' | 'unauthenticated' | 'refused' | 'timeout' | 'failed'

/** One audited event. */
export interface AuditRecord {
  /** When the request started. */
  readonly time: Date
  readonly requestId: string
  /** The principal, or `null` when the request never authenticated. */
  readonly principal: string | null
  /** What was done: `api.read`, `api.export`, `sql.query`, `sql.export`, `cli.sql`, … */
  readonly action: string
  /** The route or command (`GET /api/sessions/{session_key}/leaderboard`, `pitwall sql`). */
  readonly resource: string
  /** Tables read or asked for (`catalog.schema.table`). */
  readonly objects: readonly string[]
  /** Rows returned, when the read ran. */
  readonly rows: number | null
  readonly allowed: boolean
  readonly outcome: AuditOutcome
  /** HTTP status, when served over HTTP. */
  readonly status: number | null
  /** Why it was denied, refused or failed. */
  readonly reason: string | null
  readonly clientAddress: string | null
  /** The SQL text (SQL endpoint and `pitwall sql`), truncated. */
  readonly sql: string | null
  /** DuckDB's plan of the SQL, truncated. */
  readonly plan: string | null
  readonly durationMs: number
}

/** Where audit records go. */
export interface AuditSink {
  /** Queues a record (never throws, never waits). */
  record(record: AuditRecord): void
}

/** Options of {@link AuditLog}. */
export interface AuditLogOptions {
  readonly storage: CatalogStorage
  /** The catalog whose `system.audit_log` receives the records. */
  readonly catalog: string
  /** Write when this many records wait (default 5000). */
  readonly maxBatch?: number
  /** Write waiting records at least this often (ms, default 1000). */
  readonly flushIntervalMs?: number
  /** Told when a batch could not be written (it is retried with the next one). */
  readonly onError?: (error: unknown) => void
}

const TOKEN = /pwt_([a-z0-9]{12})_[A-Za-z0-9_-]{20,}/g
const BEARER = /(bearer\s+)[^\s'"]+/gi
const MAX_TEXT = 8000
/** Records kept while writes fail; older ones are dropped (and counted) past it. */
const MAX_PENDING = 50_000

/** What every secret {@link redactSecrets} removes contains: texts without it are left as they are. */
const SECRET_HINT = /pwt_|bearer/i

/** Removes secrets from a text before it is stored. */
export function redactSecrets(text: string): string {
  if (!SECRET_HINT.test(text)) return text
  return text.replace(TOKEN, 'pwt_$1_[redacted]').replace(BEARER, '$1[redacted]')
}

/** A text field as stored: secrets redacted, cut at `max` characters. */
function clean(value: string | null, max = MAX_TEXT): string | null {
  if (value === null) return null
  const text = redactSecrets(value)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** The staged batch's columns (all text, numbers as DOUBLE), cast to the table's in {@link FROM_STAGE}. */
const STAGED: readonly StagedColumn[] = [
  ['event_time', 'VARCHAR'],
  ['request_id', 'VARCHAR'],
  ['principal', 'VARCHAR'],
  ['action', 'VARCHAR'],
  ['resource', 'VARCHAR'],
  ['objects', 'VARCHAR'],
  ['row_count', 'DOUBLE'],
  ['allowed', 'BOOLEAN'],
  ['outcome', 'VARCHAR'],
  ['status_code', 'DOUBLE'],
  ['reason', 'VARCHAR'],
  ['client_address', 'VARCHAR'],
  ['sql_text', 'VARCHAR'],
  ['plan', 'VARCHAR'],
  ['duration_ms', 'DOUBLE'],
].map(([name, type]) => ({ name, type }) as StagedColumn)

/** The audit table's columns from a staged batch (`objects` is a JSON array of strings). */
const FROM_STAGE = `SELECT event_time::TIMESTAMPTZ AS event_time, left(event_time, 10)::DATE AS event_date,
  request_id, principal, action, resource, from_json(objects, '["VARCHAR"]') AS objects,
  row_count::BIGINT AS row_count, allowed, outcome, status_code::INTEGER AS status_code, reason,
  client_address, sql_text, plan, duration_ms`

/** One record as a staged row, in the order of {@link STAGED}. */
function stagedRow(r: AuditRecord): StagedValue[] {
  return [
    r.time.toISOString(),
    clean(r.requestId, 200),
    clean(r.principal, 200),
    clean(r.action, 200),
    clean(r.resource, 1000),
    JSON.stringify(r.objects),
    r.rows === null ? null : Math.trunc(r.rows),
    r.allowed,
    clean(r.outcome, 50),
    r.status === null ? null : Math.trunc(r.status),
    clean(r.reason, 2000),
    clean(r.clientAddress, 200),
    clean(r.sql),
    clean(r.plan),
    Number.isFinite(r.durationMs) ? r.durationMs : 0,
  ]
}

/** Names of staging tables: one per audit log, so two logs over one engine never share one. */
let stagingTables = 0

/** The batched writer of `<catalog>.system.audit_log`. */
export class AuditLog implements AuditSink {
  private pending: AuditRecord[] = []
  private writing: Promise<void> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private dropped = 0
  private closed = false
  private readonly stagingTable = `pitwall_audit_batch_${++stagingTables}`

  constructor(private readonly options: AuditLogOptions) {}

  /** @inheritdoc */
  record(record: AuditRecord): void {
    this.pending.push(record)
    if (this.pending.length > MAX_PENDING) {
      this.dropped += this.pending.length - MAX_PENDING
      this.pending.splice(0, this.pending.length - MAX_PENDING)
    }
    if (this.pending.length >= (this.options.maxBatch ?? 5000)) void this.flush()
    else if (this.timer === undefined && !this.closed) {
      this.timer = setTimeout(() => {
        this.timer = undefined
        void this.flush()
      }, this.options.flushIntervalMs ?? 1000)
      this.timer.unref()
    }
  }

  /** Records dropped because writes kept failing. */
  get droppedRecords(): number {
    return this.dropped
  }

  /** Writes every waiting record now (one commit). Resolves when written or failed. */
  flush(): Promise<void> {
    if (this.timer !== undefined) {
      clearTimeout(this.timer)
      this.timer = undefined
    }
    this.writing = this.writing.then(async () => {
      const batch = this.pending
      if (batch.length === 0) return
      this.pending = []
      try {
        await this.write(batch)
      } catch (error) {
        this.pending = [...batch, ...this.pending]
        this.options.onError?.(error)
      }
    })
    return this.writing
  }

  /** Writes what is waiting and stops the timer. */
  async close(): Promise<void> {
    this.closed = true
    await this.flush()
  }

  private async write(batch: readonly AuditRecord[]): Promise<void> {
    const { storage, catalog } = this.options
    const engine = storage.engine
    const target = {
      store: storage.storeFor(systemTableLocation(storage, catalog, AUDIT_TABLE)),
      executor: engine,
      mode: 'append',
      partitionColumns: ['event_date'],
      configuration: layerTableProperties('system'),
    } as const
    if (!canStage(engine)) {
      await writeTable({ ...target, sql: valuesSql(batch) })
      return
    }
    const staged = `temp.main.${sqlIdent(this.stagingTable)}`
    await engine.stageRows(this.stagingTable, STAGED, batch.map(stagedRow))
    try {
      await writeTable({ ...target, sql: `${FROM_STAGE}\nFROM ${staged}` })
    } finally {
      await engine.run(`DROP TABLE IF EXISTS ${staged}`)
    }
  }
}

/** A staged value as a SQL literal of its column's type. */
function literal(value: StagedValue, column: StagedColumn): string {
  if (value === null) return `NULL::${column.type}`
  if (typeof value === 'string') return `${sqlString(value)}::${column.type}`
  return `${String(value)}::${column.type}`
}

/**
 * A batch as a `VALUES` query (engines that cannot stage rows): the same staged rows and the same
 * projection ({@link FROM_STAGE}), only spelled as SQL text.
 */
function valuesSql(batch: readonly AuditRecord[]): string {
  const rows = batch.map(
    (r) =>
      `(${stagedRow(r)
        .map((v, i) => literal(v, STAGED[i]!))
        .join(', ')})`,
  )
  const names = STAGED.map((c) => sqlIdent(c.name)).join(', ')
  return `${FROM_STAGE}\nFROM (VALUES ${rows.join(',\n')}) AS t(${names})`
}
