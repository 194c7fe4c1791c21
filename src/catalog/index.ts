/**
 * @module catalog
 * Environments (dev/stage/prod catalogs), three-level names, principals, grants, audit, lineage.
 * Public surface of the folder: other layers import only this file.
 */
export {
  CatalogError,
  InvalidTableNameError,
  UnknownEnvironmentError,
  AccessDeniedError,
} from './catalog-errors.js'
export {
  CATALOG_SCHEMAS,
  LAYER_SCHEMAS,
  isSchemaName,
  environmentsOf,
  currentEnvironment,
  findEnvironment,
} from './environments.js'
export type { Environment, SchemaName, Layer } from './environments.js'
export {
  tableName,
  parseTableName,
  formatTableName,
  tablePath,
  isIdentifier,
} from './table-name.js'
export type { TableName } from './table-name.js'
export { discoverTables } from './table-registry.js'
export { existingRelations } from './existing-relations.js'
export type { RelationRef } from './existing-relations.js'
export type { RegisteredTable } from './table-registry.js'
export { layerTableProperties } from './table-properties.js'
export type { TableProperties } from './table-properties.js'
export { createLakehouseEngine } from './lakehouse.js'
export type { LakehouseOptions } from './lakehouse.js'
export {
  PRIVILEGES,
  DEFAULT_PRINCIPALS,
  defaultGrants,
  checkAccess,
  findGrant,
  covers,
  addGrant,
  removeGrant,
  formatSecurable,
  parseSecurable,
} from './grants.js'
export type { Privilege, Securable, Grant, Principal, AccessDecision } from './grants.js'
export { loadGrants, saveGrants, GRANTS_TABLE } from './grants-store.js'
export { PersistedViews, VIEWS_DIR } from './persisted-views.js'
export { queryReads, checkQueryAccess } from './query-access.js'
export type { QueryReads } from './query-access.js'
