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
export {
  DeltaError,
  NotADeltaTableError,
  InvalidLogError,
  UnsupportedFeatureError,
  VersionConflictError,
  CommitConflictError,
  SchemaMismatchError,
  ObjectNotFoundError,
  ObjectAlreadyExistsError,
} from './lake-errors.js'
export type { SqlExecutor, SqlRow } from './sql-executor.js'
export { sqlString, sqlIdent } from './sql-executor.js'
