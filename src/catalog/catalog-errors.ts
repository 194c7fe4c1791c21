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
