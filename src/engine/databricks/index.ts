/**
 * @module engine/databricks
 * The Databricks adapter: the driver's shapes and connection, the {@link DatabricksEngine}, the
 * dialect rewrite and the statements the materializations and bronze loads emit.
 */
export type {
  DatabricksClient,
  DatabricksSession,
  DatabricksOperation,
  DriverColumn,
  DatabricksConnection,
} from './driver.js'
export { connectDatabricks, connectOptions, DatabricksConfigError } from './driver.js'
export { DatabricksEngine } from './databricks-engine.js'
export type { DatabricksEngineOptions } from './databricks-engine.js'
export {
  toDatabricksSql,
  quoteDatabricks,
  databricksQualified,
  databricksString,
} from './dialect.js'
export * from './statements.js'
export { uploadToVolume, volumePath, FilesApiError } from './volume-files.js'
export type { FilesApiOptions, UploadOutcome } from './volume-files.js'
export { loadBronzeOnDatabricks, createBronzeTableSql } from './bronze-load.js'
export type { LandingFile, BronzeLoadOptions, BronzeLoadResult } from './bronze-load.js'
