/**
 * @module load
 * Landing JSON → bronze Delta tables.
 * Public surface of the folder: other layers import only this file.
 */
export { loadLanding, DEFAULT_MAX_BATCH_BYTES } from './load-landing.js'
export type { LoadLandingOptions, TableLocator, TableProperties } from './load-landing.js'
export { formatLoadReport, totalsOf } from './load-report.js'
export type { LoadReport, TableLoadResult, LoadedFile, VanishedFile } from './load-report.js'
export type { QuarantinedFile } from './quarantine.js'
export { QUARANTINE_DIR } from './quarantine.js'
export { listLandingFiles, listEndpointFolders, PARTITIONED_TABLES } from './landing-files.js'
export type { LandingFile } from './landing-files.js'
// The landing zone's names are core's contract; re-exported for the layers above.
export { LANDING_DIR, bronzeTableOf } from '../core/index.js'
export { LOAD_LOG_TABLE } from './load-log.js'
export type { LoadLogEntry } from './load-log.js'
export { LoadError } from './load-errors.js'
export { METADATA_COLUMNS } from './bronze-schema.js'
