/**
 * @module catalog/read-context
 * What a governed read is and how it is recorded: its limits, where it comes from (request id,
 * action, route or command, client address), the trusted form the API composes (SQL and the
 * tables it reads), and the audit record of what happened to it.
 */
import type { AuditOutcome, AuditRecord } from './audit-log.js'
import type { ReadTable } from './sql-guard.js'

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

/** A request for a read the API composed: trusted SQL and the tables it reads. */
export interface TrustedRead {
  readonly sql: string
  readonly tables: readonly ReadTable[]
}

/** What happened to one read, as the reader saw it. */
export interface ReadEvent {
  readonly time: Date
  /** `performance.now()` at the start (for the duration). */
  readonly started: number
  readonly outcome: AuditOutcome
  readonly objects: readonly string[]
  readonly rows?: number | null
  readonly reason?: string | null
  readonly sql?: string | null
  readonly plan?: string | null
}

/** Outcomes of reads the grants allowed (they ran, whatever came of them). */
const ALLOWED: ReadonlySet<AuditOutcome> = new Set(['ok', 'truncated', 'timeout', 'failed'])

/** The audit record of `event` in `ctx`. */
export function auditRecord(ctx: ReadContext, principal: string | null, e: ReadEvent): AuditRecord {
  return {
    time: e.time,
    requestId: ctx.requestId,
    principal,
    action: ctx.action,
    resource: ctx.resource,
    objects: e.objects,
    rows: e.rows ?? null,
    allowed: ALLOWED.has(e.outcome),
    outcome: e.outcome,
    status: ctx.statusOf?.(e.outcome) ?? null,
    reason: e.reason ?? null,
    clientAddress: ctx.clientAddress,
    sql: e.sql ?? null,
    plan: e.plan ?? null,
    durationMs: performance.now() - e.started,
  }
}

/** `catalog.schema.table`. */
export function tableKey(t: ReadTable): string {
  return `${t.catalog}.${t.schema}.${t.table}`
}
