/**
 * @module core
 * Types shared by every layer: errors, diagnostics, configuration schemas, logging and progress.
 * No I/O and no `node:` imports (STYLE.md §2).
 */
export {
  WarehouseError,
  UsageError,
  ConfigError,
  NotBuiltError,
  PortInUseError,
  isWarehouseError,
  exitCodeFor,
  EXIT_CODES,
} from './errors.js'
export type { ErrorContext, WarehouseErrorOptions } from './errors.js'

export { makeDiagnostic, formatDiagnostic, hasErrors } from './diagnostics.js'
export type { Diagnostic, DiagnosticCode, DiagnosticParams, SourcePosition } from './diagnostics.js'

export { createLogger, isLogLevel, LOG_LEVELS, SILENT_LOGGER } from './logger.js'
export type { Logger, LoggerOptions, LogLevel, LogSink, LogFields } from './logger.js'

export { createTtyProgress, createLineProgress, formatBar, NO_PROGRESS } from './progress.js'
export type {
  Progress,
  ProgressTask,
  ProgressSink,
  ProgressLineSink,
  LineProgressOptions,
} from './progress.js'

export { sqlString, sqlIdent, sqlQualified } from './sql/sql-quote.js'

export { parseYamlSource } from './config/yaml-source.js'
export type { YamlSource } from './config/yaml-source.js'
export { validateYaml } from './config/validate.js'
export type { Validated } from './config/validate.js'
export { projectConfigSchema, PROJECT_KEYS } from './config/project-schema.js'
export type { ProjectConfig } from './config/project-schema.js'
export {
  profilesFileSchema,
  profileSchema,
  outputSchema,
  localOutputSchema,
  databricksOutputSchema,
  duckdbOutputSchema,
  duckdbDatabaseName,
  OUTPUT_TYPES,
} from './config/profiles-schema.js'
export type {
  OutputConfig,
  LocalOutputConfig,
  DatabricksOutputConfig,
  DuckdbOutputConfig,
  ProfileConfig,
} from './config/profiles-schema.js'
export { resolveConfig, TARGET_NAMES } from './config/resolve-config.js'
export type { ResolvedConfig, ResolveConfigInput, ConfigFile } from './config/resolve-config.js'

// OpenF1 contracts shared by openf1 (writes) and load (reads): field catalogue, landing names,
// extraction manifest.
export {
  OPENF1_FIELDS,
  OPENF1_ENDPOINTS,
  FIELD_KINDS,
  DUCKDB_TYPE_OF_KIND,
  isOpenF1Endpoint,
  fieldKind,
  bronzeColumnsOf,
} from './openf1/field-catalogue.js'
export type { FieldKind, OpenF1Endpoint, CatalogueColumn } from './openf1/field-catalogue.js'
export {
  LANDING_DIR,
  unitId,
  landingStamp,
  landingFileName,
  landingRelPath,
  parseLandingFileName,
  stampDay,
  isLandingDataName,
  bronzeTableOf,
} from './openf1/landing-names.js'
export type { LandingUnit, LandingName } from './openf1/landing-names.js'
export {
  MANIFEST_FILE,
  MANIFEST_SCHEMA_VERSION,
  manifestEntrySchema,
  extractionManifestSchema,
  parseExtractionManifest,
  entriesByFile,
} from './openf1/extraction-manifest-schema.js'
export type {
  ManifestEntry,
  ExtractionManifestFile,
  ManifestParse,
} from './openf1/extraction-manifest-schema.js'

// The artifacts transform writes and serve reads (manifest, run_results, catalog, sources): zod
// schemas, inferred types, file names and folders. Listed in artifacts/index.ts.
export * from './artifacts/index.js'
