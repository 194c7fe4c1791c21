/**
 * @module lake
 * Delta Lake on an object store: protocol actions, log, snapshots, operations.
 * Public surface of the folder: other layers import only this file.
 */
export type {
  Action,
  AddAction,
  RemoveAction,
  CdcAction,
  TxnAction,
  CommitInfoAction,
  DomainMetadataAction,
  MetadataAction,
  ProtocolAction,
  DeletionVectorDescriptor,
  CheckpointMetadataAction,
  SidecarAction,
} from './protocol/actions.js'
export type { ObjectStore, ObjectMeta } from './store/object-store.js'
export { LocalObjectStore } from './store/local-object-store.js'
export { MemoryObjectStore } from './store/memory-object-store.js'
export { objectStoreFor, joinLocation, locationScheme } from './store/object-store-for.js'
export { S3ObjectStore } from './store/s3-object-store.js'
export type { S3ObjectStoreOptions } from './store/s3-object-store.js'
export { parseS3Location, sharedS3Client } from './store/s3-config.js'
export type { S3Location, S3Env } from './store/s3-config.js'
export type { ObjectStoreFactory } from './store/object-store-for.js'
export {
  DeltaError,
  NotADeltaTableError,
  InvalidLogError,
  DamagedCommitError,
  UnsupportedFeatureError,
  VersionConflictError,
  CommitConflictError,
  SchemaMismatchError,
  ObjectNotFoundError,
  ObjectAlreadyExistsError,
} from './lake-errors.js'
export type { SqlExecutor, SqlRow } from './sql-executor.js'
export { sqlString, sqlIdent } from './sql-executor.js'

// Reader: protocol (de)serialisation, schema, features (issue #4).
export {
  parseActions,
  serializeActions,
  toAction,
  actionKind,
  dvUniqueId,
  ACTION_KEYS,
} from './protocol/parse-actions.js'
export type { ActionKey } from './protocol/parse-actions.js'
export { normalizePath, isAbsolutePath, fileKey } from './protocol/paths.js'
export {
  parseSchema,
  duckDbType,
  physicalName,
  fieldId,
  columnMappingMode,
  findField,
  isStruct,
  isArray,
  isMap,
} from './protocol/schema.js'
export type {
  DataType,
  StructType,
  StructField,
  ArrayType,
  MapType,
  ColumnMappingMode,
} from './protocol/schema.js'
export {
  checkReadSupported,
  readerFeatures,
  hasFeature,
  SUPPORTED_READER_FEATURES,
} from './protocol/table-features.js'
// Reader: log listing and snapshots.
export { LogStore } from './log/log-store.js'
export type { LastCheckpoint, LogListing } from './log/log-store.js'
export { LOG_DIR, commitPath, versionStem, classifyLogFile } from './log/log-files.js'
export type { LogFile } from './log/log-files.js'
export { commitTimestamps, ictEnablementVersion } from './log/commit-timestamps.js'
export { Snapshot } from './snapshot.js'
export { loadSnapshot } from './snapshot-load.js'
export { toEpochMs, versionAtTimestamp } from './snapshot-time-travel.js'
export type { HintStatus } from './snapshot.js'
export type { SnapshotOptions } from './snapshot-load.js'
// Reader: scans (plan, SQL, filters, deletion vectors).
export { planScan, fileLocation } from './read/scan-plan.js'
export type { ScanPlan, ScanFile } from './read/scan-plan.js'
export { exactTimestampMax, microsText } from './protocol/timestamp-max-tag.js'
export { scanSql } from './read/scan-sql.js'
export type { ScanOptions } from './read/scan-sql.js'
export { mayMatch, filterSql } from './read/scan-filter.js'
export type { ScanFilter, ScanValue, CompareOp } from './read/scan-filter.js'
export { parseStats } from './read/stats.js'
export type { FileStats } from './read/stats.js'
export { loadDeletionVector, dvRelativePath } from './read/deletion-vectors.js'
export { decodeDvBitmap } from './read/roaring.js'
export { partitionValueSql, rawPartitionValue } from './read/partition-values.js'
// Writer: operations (each returns { version, metrics }), commits, checkpoints.
export { createTable } from './operations/create-table.js'
export type { CreateTableOptions, CreateTableMetrics } from './operations/create-table.js'
export { writeTable } from './operations/write.js'
export type { WriteOptions, WriteMetrics, WriteMode } from './operations/write.js'
export { deleteRows } from './operations/delete.js'
export type { DeleteOptions, DeleteMetrics } from './operations/delete.js'
export type { TableTarget, OperationResult } from './operations/transaction.js'
export { commit, ENGINE_INFO } from './log/commit.js'
export type { CommitOptions, CommitResult } from './log/commit.js'
export type { ReadScope, IsolationLevel } from './log/commit-conflicts.js'
export { writeCheckpoint, CHECKPOINT_COLUMNS } from './checkpoint/checkpoint-writer.js'
export type { CheckpointResult } from './checkpoint/checkpoint-writer.js'
export { cleanupExpiredLogs } from './log/log-cleanup.js'
export { parseIntervalHours } from './log/retention.js'
export { hiveEscape, partitionDirectory, encodeAddPath } from './write/partition-path.js'
export { filesSql } from './read/files-sql.js'
export type { FileRead, FilesSqlOptions, TableShape } from './read/files-sql.js'
export { changesSql, CDF_COLUMNS } from './read/changes.js'
export type { ChangesOptions } from './read/changes.js'
export { mergeTable } from './operations/merge.js'
export type { MergeOptions, MergeMetrics } from './operations/merge.js'
export { history } from './read/history.js'
export type { HistoryEntry, HistoryOptions } from './read/history.js'
export { optimizeTable } from './operations/optimize.js'
export type { OptimizeOptions, OptimizeMetrics } from './operations/optimize.js'
export { vacuumTable, configuredRetentionHours } from './operations/vacuum.js'
export type { VacuumOptions, VacuumMetrics } from './operations/vacuum.js'
export { restoreTable } from './operations/restore.js'
export type { RestoreOptions, RestoreMetrics } from './operations/restore.js'
export { setTableProperties } from './operations/set-properties.js'
export { validateProperty, validateConfiguration } from './operations/table-properties.js'
export type { SetPropertiesOptions, SetPropertiesMetrics } from './operations/set-properties.js'
export { updateRows } from './operations/update.js'
export type { UpdateOptions, UpdateMetrics } from './operations/update.js'
