/**
 * @module load
 * Landing JSON → bronze Delta tables.
 * Public surface of the folder: other layers import only this file.
 */
export { loadLanding } from './load-landing.js'
export type { LoadLandingOptions, TableLocator, TableProperties } from './load-landing.js'
export { formatLoadReport, totalsOf } from './load-report.js'
export type { LoadReport, TableLoadResult, LoadedFile } from './load-report.js'
export type { QuarantinedFile } from './quarantine.js'
export { QUARANTINE_DIR } from './quarantine.js'
export {
  LANDING_DIR,
  listLandingFiles,
  bronzeTableOf,
  PARTITIONED_TABLES,
} from './landing-files.js'
export type { LandingFile } from './landing-files.js'
export { LOAD_LOG_TABLE } from './load-log.js'
export type { LoadLogEntry } from './load-log.js'
export { LoadError, MalformedFileError } from './load-errors.js'
export { METADATA_COLUMNS } from './bronze-schema.js'
