/**
 * @module catalog/governed-query
 * The one read path of everything served (the API's routes, the SQL endpoint, exports,
 * `pitwall sql --as`): check the principal's grants on every table read, run the statement on the
 * sandboxed lakehouse engine with a row cap and a time limit that really cancels it (DuckDB
 * interrupt), stream the rows, and write one audit record per request — allowed or not.
 *
 * User SQL is checked by {@link guardSql} (DuckDB's parse: one SELECT, tables by name, no table
 * functions); SQL the API builds itself declares the tables it reads.
 */
import type { ColumnInfo, Engine, ResultRow, RowStream, StreamingEngine } from '../engine/index.js'
import type { AccessControl, Identity } from './access-control.js'
import type { AuditOutcome, AuditSink } from './audit-log.js'
import {
  AccessDeniedError,
  GovernedQueryError,
  QueryTimeoutError,
  SqlRefusedError,
} from './catalog-errors.js'
import type { ResultCache } from './result-cache.js'
import { guardSql, type ReadTable } from './sql-guard.js'

/** Limits of one governed read. */
export interface QueryLimits {
  /** Rows returned at most; the result says when it was cut. */
  readonly maxRows: number
  /** Time limit from the start of the read to its last row (ms). */
  readonly timeoutMs: number
}

/** Where a read comes from, for the audit record. */
export interface ReadContext {
  readonly requestId: string
  /** `api.read`, `api.export`, `sql.query`, `sql.export`, `cli.sql`, … */
  readonly action: string
  /** The route or command. */
  readonly resource: string
  readonly clientAddress: string | null
  /** The status the caller answers with for an outcome (HTTP), or nothing. */
  readonly statusOf?: (outcome: AuditOutcome) => number | null
}

/** Options of {@link GovernedReader}. */
export interface GovernedReaderOptions {
  /** The lakehouse engine (over a sandboxed DuckDB) reads run on. */
  readonly engine: StreamingEngine
  /** Parses user SQL (default: `engine`). */
  readonly parser?: Engine
  readonly access: AccessControl
  readonly audit: AuditSink
  /** The catalog two-part names resolve in. */
  readonly defaultCatalog: string
  /** Default limits; each read may lower or raise them. */
  readonly limits: QueryLimits
  /** Strings removed from error messages shown to clients (the lakehouse path). */
  readonly redact?: readonly string[]
  /** Keeps results of trusted reads while their tables' versions stay (see `result-cache.ts`). */
  readonly resultCache?: ResultCache
  /** The Delta version a table's view shows now (needed by the result cache). */
  readonly versionOf?: (table: ReadTable) => number | undefined
}

/** A request for a read the API composed: trusted SQL and the tables it reads. */
export interface TrustedRead {
  readonly sql: string
  readonly tables: readonly ReadTable[]
}

const MAX_PLAN = 8000

/** The governed read path. One per serving process. */
export class GovernedReader {
  constructor(private readonly options: GovernedReaderOptions) {}

  /** The access control in force. */
  get access(): AccessControl {
    return this.options.access
  }

  /**
   * Guards, authorises and starts user SQL. `wrap` turns the checked statement into the one that
   * runs (e.g. `COPY (…) TO` for a Parquet export); it only ever embeds the statement whole.
   * @throws SqlRefusedError, AccessDeniedError
   */
  async sql(
    identity: Identity,
    sql: string,
    ctx: ReadContext,
    limits: Partial<QueryLimits> = {},
    wrap?: (checked: string) => string,
  ): Promise<GovernedResult> {
    const started = performance.now()
    const time = new Date()
    const verdict = await guardSql(this.options.parser ?? this.options.engine, sql, {
      catalogs: this.options.access.catalogs,
      defaultCatalog: this.options.defaultCatalog,
    })
    if (!verdict.ok) {
      this.audit(ctx, identity.name, { time, started, outcome: 'refused', objects: [], sql })
      throw new SqlRefusedError(verdict.code, verdict.reason)
    }
    return this.start(identity, { sql, tables: verdict.tables }, ctx, limits, {
      time,
      started,
      explain: true,
      ...(wrap === undefined ? {} : { wrap }),
    })
  }

  /** Authorises and starts SQL the API composed over `request.tables`. @throws AccessDeniedError */
  read(
    identity: Identity,
    request: TrustedRead,
    ctx: ReadContext,
    limits: Partial<QueryLimits> = {},
  ): Promise<GovernedResult> {
    return this.start(identity, request, ctx, limits, {
      time: new Date(),
      started: performance.now(),
      explain: false,
    })
  }

  /** Checks that `identity` may read `tables` (for metadata routes), auditing a denial. */
  async authorize(
    identity: Identity,
    tables: readonly ReadTable[],
    ctx: ReadContext,
  ): Promise<void> {
    const decision = await this.options.access.canRead(identity, tables)
    if (!decision.allowed) {
      this.audit(ctx, identity.name, {
        time: new Date(),
        started: performance.now(),
        outcome: 'denied',
        objects: tables.map(tableKey),
        reason: decision.reason,
      })
      throw new AccessDeniedError(identity.name, decision.reason)
    }
  }

  /** Audits a request that ended before any read (no token, bad input, metadata answers). */
  record(
    ctx: ReadContext,
    event: {
      readonly principal: string | null
      readonly outcome: AuditOutcome
      readonly reason?: string
      readonly objects?: readonly string[]
      readonly rows?: number
      readonly sql?: string
      readonly time?: Date
      readonly started?: number
    },
  ): void {
    this.audit(ctx, event.principal, {
      time: event.time ?? new Date(),
      started: event.started ?? performance.now(),
      outcome: event.outcome,
      objects: event.objects ?? [],
      ...(event.reason === undefined ? {} : { reason: event.reason }),
      ...(event.rows === undefined ? {} : { rows: event.rows }),
      ...(event.sql === undefined ? {} : { sql: event.sql }),
    })
  }

  /** Removes server paths from an engine message. */
  sanitize(message: string): string {
    let out = message
    for (const secret of this.options.redact ?? []) {
      if (secret.length > 1) out = out.split(secret).join('<lakehouse>')
    }
    return out.replace(/(?:\/[\w.@+-]+){2,}\/?/g, '<path>').replace(/\n\s*LINE \d+:[\s\S]*$/, '')
  }

  private async start(
    identity: Identity,
    request: TrustedRead,
    ctx: ReadContext,
    limits: Partial<QueryLimits>,
    at: { time: Date; started: number; explain: boolean; wrap?: (sql: string) => string },
  ): Promise<GovernedResult> {
    const objects = request.tables.map(tableKey)
    const sqlText = at.explain ? request.sql : null
    const decision = await this.options.access.canRead(identity, request.tables)
    if (!decision.allowed) {
      this.audit(ctx, identity.name, {
        ...at,
        outcome: 'denied',
        objects,
        reason: decision.reason,
        sql: sqlText,
      })
      throw new AccessDeniedError(identity.name, decision.reason)
    }
    const effective: QueryLimits = { ...this.options.limits, ...limits }
    const key = at.explain ? undefined : this.cacheKey(request, effective.maxRows)
    const cached = key === undefined ? undefined : this.options.resultCache?.get(key)
    if (cached !== undefined) {
      // A result kept for these table versions: no statement runs, so no timer to arm.
      return new GovernedResult(request.tables, cached, effective.maxRows, {
        translate: (error) => this.translate(error, new AbortController().signal, 0),
        finish: (outcome, rows, reason) =>
          this.audit(ctx, identity.name, { ...at, outcome, objects, rows, reason, sql: sqlText }),
      })
    }
    const abort = new AbortController()
    const timer = setTimeout(() => abort.abort(), effective.timeoutMs)
    const finish = (
      outcome: AuditOutcome,
      rows: number | null,
      reason: string | null,
      plan: string | null,
    ) => {
      clearTimeout(timer)
      this.audit(ctx, identity.name, { ...at, outcome, objects, rows, reason, sql: sqlText, plan })
    }
    const streamOptions = { signal: abort.signal, defaultCatalog: this.options.defaultCatalog }
    let plan: string | null = null
    let stream: RowStream
    try {
      if (at.explain) plan = await this.explain(request.sql, streamOptions)
      const run = at.wrap === undefined ? request.sql : at.wrap(request.sql)
      stream = await this.options.engine.stream(run, streamOptions)
      if (key !== undefined && this.options.resultCache !== undefined) {
        stream = this.options.resultCache.capture(key, stream)
      }
    } catch (error) {
      const failure = this.translate(error, abort.signal, effective.timeoutMs)
      finish(
        failure instanceof QueryTimeoutError ? 'timeout' : 'failed',
        null,
        failure.message,
        plan,
      )
      throw failure
    }
    return new GovernedResult(request.tables, stream, effective.maxRows, {
      translate: (error) => this.translate(error, abort.signal, effective.timeoutMs),
      finish: (outcome, rows, reason) => finish(outcome, rows, reason, plan),
    })
  }

  /** The result cache key of a trusted read: its SQL, row cap and every table's version. */
  private cacheKey(request: TrustedRead, maxRows: number): string | undefined {
    const versionOf = this.options.versionOf
    if (this.options.resultCache === undefined || versionOf === undefined) return undefined
    const versions: number[] = []
    for (const t of request.tables) {
      const v = versionOf(t)
      if (v === undefined) return undefined
      versions.push(v)
    }
    return `${versions.join(',')}\n${maxRows}\n${request.sql}`
  }

  private async explain(sql: string, options: { signal: AbortSignal; defaultCatalog: string }) {
    const stream = await this.options.engine.stream(`EXPLAIN ${sql}`, options)
    try {
      const lines: string[] = []
      for (let rows = await stream.next(); rows !== undefined; rows = await stream.next()) {
        for (const r of rows) lines.push(String(r['explain_value'] ?? ''))
      }
      const plan = lines.join('\n')
      return plan.length > MAX_PLAN ? `${plan.slice(0, MAX_PLAN)}…` : plan
    } finally {
      await stream.close()
    }
  }

  private translate(error: unknown, signal: AbortSignal, timeoutMs: number): Error {
    if (signal.aborted) return new QueryTimeoutError(timeoutMs)
    if (error instanceof GovernedQueryError || error instanceof QueryTimeoutError) return error
    const raw =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error)
    return new GovernedQueryError(this.sanitize(raw))
  }

  private audit(
    ctx: ReadContext,
    principal: string | null,
    e: {
      time: Date
      started: number
      outcome: AuditOutcome
      objects: readonly string[]
      rows?: number | null
      reason?: string | null
      sql?: string | null
      plan?: string | null
    },
  ): void {
    this.options.audit.record({
      time: e.time,
      requestId: ctx.requestId,
      principal,
      action: ctx.action,
      resource: ctx.resource,
      objects: e.objects,
      rows: e.rows ?? null,
      allowed:
        e.outcome === 'ok' ||
        e.outcome === 'truncated' ||
        e.outcome === 'timeout' ||
        e.outcome === 'failed',
      outcome: e.outcome,
      status: ctx.statusOf?.(e.outcome) ?? null,
      reason: e.reason ?? null,
      clientAddress: ctx.clientAddress,
      sql: e.sql ?? null,
      plan: e.plan ?? null,
      durationMs: performance.now() - e.started,
    })
  }
}

/** `catalog.schema.table`. */
function tableKey(t: ReadTable): string {
  return `${t.catalog}.${t.schema}.${t.table}`
}

/**
 * A running governed read: its columns, then its rows a chunk at a time up to the row cap.
 * Always `close()` it (in `finally`): that stops the statement and writes the audit record.
 */
export class GovernedResult {
  /** Rows handed out so far. */
  rowCount = 0
  /** True once rows past the cap were found (and dropped). */
  truncated = false
  private outcome: AuditOutcome | undefined
  private reason: string | null = null
  private closed = false

  constructor(
    /** The tables the read touches. */
    readonly tables: readonly ReadTable[],
    private readonly stream: RowStream,
    /** The row cap. */
    readonly maxRows: number,
    private readonly hooks: {
      translate: (error: unknown) => Error
      finish: (outcome: AuditOutcome, rows: number, reason: string | null) => void
    },
  ) {}

  /** The result's columns. */
  get columns(): readonly ColumnInfo[] {
    return this.stream.columns
  }

  /** The rows, a chunk at a time, stopping at the cap. @throws QueryTimeoutError, GovernedQueryError */
  async *chunks(): AsyncGenerator<ResultRow[]> {
    try {
      for (
        let rows = await this.stream.next();
        rows !== undefined;
        rows = await this.stream.next()
      ) {
        const room = this.maxRows - this.rowCount
        if (rows.length > room) {
          this.truncated = true
          if (room > 0) {
            this.rowCount += room
            yield rows.slice(0, room)
          }
          return
        }
        this.rowCount += rows.length
        yield rows
      }
    } catch (error) {
      const failure = this.hooks.translate(error)
      this.outcome = failure instanceof QueryTimeoutError ? 'timeout' : 'failed'
      this.reason = failure.message
      throw failure
    }
  }

  /** Every row up to the cap. */
  async all(): Promise<ResultRow[]> {
    const out: ResultRow[] = []
    for await (const rows of this.chunks()) out.push(...rows)
    return out
  }

  /**
   * Stops the statement and writes the audit record (once). `outcome` overrides what the rows
   * said (e.g. `failed` when the client went away mid-export); `rows` what was handed out (a
   * `COPY` returns one row: the count it wrote).
   */
  async close(outcome?: AuditOutcome, reason?: string, rows?: number): Promise<void> {
    if (this.closed) return
    this.closed = true
    const final = outcome ?? this.outcome ?? (this.truncated ? 'truncated' : 'ok')
    await this.stream.close()
    this.hooks.finish(final, rows ?? this.rowCount, reason ?? this.reason)
  }
}
