/**
 * @module engine/engine-errors
 * The engine layer's errors. Every one carries the SQL that failed (STYLE.md §8).
 */
import { WarehouseError, type WarehouseErrorOptions } from '../core/index.js'

/** Base class of the engine layer's errors. */
export class EngineError extends WarehouseError {}

/** A statement failed in the engine. Carries the SQL. */
export class QueryError extends EngineError {
  /** The SQL text that failed. */
  readonly sql: string

  constructor(sql: string, cause: unknown, options: WarehouseErrorOptions = {}) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    super('query-failed', `query failed: ${reason}`, {
      ...options,
      cause,
      context: { sql: sql.length > 2000 ? `${sql.slice(0, 2000)}…` : sql, ...options.context },
    })
    this.sql = sql
  }
}

/** The engine was used after `close()`. */
export class EngineClosedError extends EngineError {
  constructor() {
    super('engine-closed', 'the SQL engine is closed', {
      hint: 'This is a bug: a query ran after the command finished.',
    })
  }
}
