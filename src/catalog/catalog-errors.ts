/**
 * @module catalog/catalog-errors
 * The catalog layer's errors: bad three-level names, unknown environments or tables.
 */
import { WarehouseError, type WarehouseErrorOptions } from '../core/index.js'

/** Base class of the catalog layer's errors. */
export class CatalogError extends WarehouseError {}

/** A three-level name (`catalog.schema.table`) that is malformed or names an unknown schema. */
export class InvalidTableNameError extends CatalogError {
  constructor(name: string, reason: string, options: WarehouseErrorOptions = {}) {
    super('invalid-table-name', `'${name}' is not a valid table name: ${reason}`, {
      hint: 'Use catalog.schema.table, e.g. dev_f1_data_analytics.bronze_raw.bronze_laps.',
      ...options,
      context: { name, ...options.context },
    })
  }
}

/** A target or catalog that no environment defines. */
export class UnknownEnvironmentError extends CatalogError {
  constructor(what: string, available: readonly string[]) {
    super('unknown-environment', `no environment '${what}'`, {
      context: { what, available },
      hint: `Use one of: ${available.join(', ')} (targets come from profiles.yml).`,
    })
  }
}

/** A principal may not do what it asked (grants, Unity Catalog style). */
export class AccessDeniedError extends CatalogError {
  constructor(principal: string, reason: string) {
    super('access-denied', `access denied for ${principal}: ${reason}`, {
      context: { principal },
      hint: 'An admin can grant the privilege (USE CATALOG, USE SCHEMA, SELECT; inherited downward).',
    })
  }
}

/** A principal name the directory does not know (`pitwall sql --as ghost`). */
export class UnknownPrincipalError extends CatalogError {
  constructor(principal: string) {
    super('unknown-principal', `unknown principal '${principal}'`, {
      context: { principal },
      hint: 'List principals with `pitwall principals`; create one with `pitwall principals create`.',
    })
  }
}

/** A query the governed read path will not run (not one SELECT, a table function, …). */
export class SqlRefusedError extends CatalogError {
  /** The guard's code (`sql-table-function`, `sql-multiple-statements`, …). */
  readonly refusal: string

  constructor(refusal: string, reason: string) {
    super('sql-refused', `query refused: ${reason}`, {
      context: { refusal },
      hint: 'Run exactly one SELECT over tables named catalog.schema.table.',
    })
    this.refusal = refusal
  }
}

/** A governed read ran past its time limit and was interrupted. */
export class QueryTimeoutError extends CatalogError {
  constructor(timeoutMs: number) {
    super('query-timeout', `query cancelled after ${timeoutMs} ms (the time limit)`, {
      context: { timeoutMs },
      hint: 'Filter or aggregate more so the query reads less, or ask for a higher limit.',
    })
  }
}

/** A governed read failed in the engine; the message is safe to show (no server paths). */
export class GovernedQueryError extends CatalogError {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('query-failed', message, options)
  }
}
