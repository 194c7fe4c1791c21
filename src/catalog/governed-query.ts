/**
 * @module catalog/governed-query
 * The one read path of everything served (the API's routes, the SQL endpoint, exports,
 * `pitwall sql --as`): check the principal's grants on every table read, run the statement on the
 * sandboxed lakehouse engine with a row cap and a time limit that really cancels it (DuckDB
 * interrupt), stream the rows, and write one audit record per request — allowed or not.
 *
 * User SQL is checked by {@link guardSql} (DuckDB's parse: one SELECT, tables by name, no table
 * functions); SQL the API builds itself declares the tables it reads. The result callers hold is
 * `governed-result.ts`; what a read is and its audit record, `read-context.ts`.
 */
import type { Engine, RowStream, StreamingEngine } from '../engine/index.js'
import type { AccessControl, Identity } from './access-control.js'
import type { AuditOutcome, AuditSink } from './audit-log.js'
import {
  AccessDeniedError,
  GovernedQueryError,
  QueryTimeoutError,
  SqlRefusedError,
} from './catalog-errors.js'
import { GovernedResult } from './governed-result.js'
import {
  auditRecord,
  tableKey,
  type QueryLimits,
  type ReadContext,
  type ReadEvent,
  type TrustedRead,
} from './read-context.js'
import type { ResultCache } from './result-cache.js'
import { guardSql, type ReadTable } from './sql-guard.js'

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
  /**
   * Brings the views up to date as a statement would (the lakehouse engine's unforced refresh),
   * so the result cache's key names the versions the read would see, not older ones.
   */
  readonly sync?: () => Promise<void>
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
    const { time, started } = at
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
    if (!at.explain && this.options.resultCache !== undefined) await this.options.sync?.()
    const key = at.explain ? undefined : this.cacheKey(request, effective.maxRows)
    const cached = key === undefined ? undefined : this.options.resultCache?.get(key)
    /** The read's audit record (one per read, cached or not). */
    const record = (
      outcome: AuditOutcome,
      rows: number | null,
      reason: string | null,
      plan: string | null,
    ) =>
      this.audit(ctx, identity.name, {
        time,
        started,
        outcome,
        objects,
        rows,
        reason,
        sql: sqlText,
        plan,
      })
    if (cached !== undefined) {
      // A result kept for these table versions: no statement runs, so no timer to arm.
      return new GovernedResult(
        request.tables,
        cached.stream,
        effective.maxRows,
        {
          translate: (error) => this.translate(error, new AbortController().signal, 0),
          finish: (outcome, rows, reason) => record(outcome, rows, reason, null),
        },
        cached.derived,
      )
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
      record(outcome, rows, reason, plan)
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

  private audit(ctx: ReadContext, principal: string | null, event: ReadEvent): void {
    this.options.audit.record(auditRecord(ctx, principal, event))
  }
}
