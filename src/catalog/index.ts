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
  UnknownPrincipalError,
  SqlRefusedError,
  QueryTimeoutError,
  GovernedQueryError,
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
  defaultGrants,
  checkAccess,
  canUse,
  findGrant,
  covers,
  addGrant,
  removeGrant,
  formatSecurable,
  parseSecurable,
} from './grants.js'
export type {
  Privilege,
  Securable,
  Grant,
  Grantee,
  GrantEnvironment,
  AccessDecision,
} from './grants.js'
export { loadGrants, saveGrants, GRANTS_TABLE } from './grants-store.js'
export {
  PRINCIPAL_KINDS,
  DEFAULT_PRINCIPALS,
  DEFAULT_DIRECTORY,
  isPrincipalName,
  findPrincipal,
  principalAndGroups,
} from './identity.js'
export type { Principal, PrincipalKind, Membership, Directory } from './identity.js'
export {
  loadDirectory,
  saveDirectory,
  PRINCIPALS_TABLE,
  GROUP_MEMBERS_TABLE,
} from './identity-store.js'
export { hashToken, verifyToken, tokenIdOf } from './tokens.js'
export type { TokenRecord, TokenRejection } from './tokens.js'
export { createToken, loadTokens, revokeToken, TOKENS_TABLE } from './token-store.js'
export type { CreateTokenOptions, CreatedToken } from './token-store.js'
export {
  readSystemTable,
  writeSystemTable,
  systemTableLocation,
  systemTableVersion,
} from './system-tables.js'
export type { CatalogStorage } from './system-tables.js'
export { PersistedViews, VIEWS_DIR } from './persisted-views.js'
export { guardSql, parseSelect } from './sql-guard.js'
export type { ReadTable, SqlVerdict, SqlRefusalCode, SqlGuardOptions } from './sql-guard.js'
export { checkReadAccess } from './query-access.js'
export { AccessControl } from './access-control.js'
export type { Identity, AccessControlOptions } from './access-control.js'
export { AuditLog, AUDIT_TABLE, redactSecrets } from './audit-log.js'
export type { AuditRecord, AuditSink, AuditOutcome, AuditLogOptions } from './audit-log.js'
export { GovernedReader } from './governed-query.js'
export type { GovernedReaderOptions } from './governed-query.js'
export { GovernedResult } from './governed-result.js'
export type { QueryLimits, ReadContext, TrustedRead } from './read-context.js'
export { openGovernance } from './governance.js'
export type { Governance, GovernanceOptions } from './governance.js'
export { ResultCache } from './result-cache.js'
export type { ResultCacheOptions } from './result-cache.js'
