/**
 * @module lake/protocol/actions
 * The Delta log's actions (PROTOCOL.md "Actions"), field names exactly as in the JSON.
 * Unknown fields are kept by the parser and ignored; unknown actions are skipped.
 */

/** A deletion vector descriptor. `uniqueId` = storageType + pathOrInlineDv [+ '@' + offset]. */
export interface DeletionVectorDescriptor {
  readonly storageType: 'u' | 'i' | 'p'
  readonly pathOrInlineDv: string
  readonly offset?: number | null
  readonly sizeInBytes: number
  readonly cardinality: number
  readonly maxRowIndex?: number | null
}

/** `protocol` action. */
export interface ProtocolAction {
  readonly minReaderVersion: number
  readonly minWriterVersion: number
  readonly readerFeatures?: readonly string[] | null
  readonly writerFeatures?: readonly string[] | null
}

/** `metaData` action. `configuration` values are strings. */
export interface MetadataAction {
  readonly id: string
  readonly name?: string | null
  readonly description?: string | null
  readonly format: {
    readonly provider: string
    readonly options?: Readonly<Record<string, string>>
  }
  /** The table schema as a JSON string (see `protocol/schema.ts`). */
  readonly schemaString: string
  readonly partitionColumns: readonly string[]
  readonly createdTime?: number | null
  readonly configuration: Readonly<Record<string, string>>
}

/** `add` action. `path` is URI-encoded and relative to the table root (or absolute). */
export interface AddAction {
  readonly path: string
  readonly partitionValues: Readonly<Record<string, string | null>>
  readonly size: number
  readonly modificationTime: number
  readonly dataChange: boolean
  /** JSON string: numRecords, minValues, maxValues, nullCount, tightBounds. */
  readonly stats?: string | null
  readonly tags?: Readonly<Record<string, string>> | null
  readonly deletionVector?: DeletionVectorDescriptor | null
  readonly baseRowId?: number | null
  readonly defaultRowCommitVersion?: number | null
  readonly clusteringProvider?: string | null
}

/** `remove` action (a tombstone). */
export interface RemoveAction {
  readonly path: string
  readonly deletionTimestamp?: number | null
  readonly dataChange: boolean
  readonly extendedFileMetadata?: boolean | null
  readonly partitionValues?: Readonly<Record<string, string | null>> | null
  readonly size?: number | null
  readonly stats?: string | null
  readonly tags?: Readonly<Record<string, string>> | null
  readonly deletionVector?: DeletionVectorDescriptor | null
  readonly baseRowId?: number | null
  readonly defaultRowCommitVersion?: number | null
}

/** `cdc` action: a change data file. */
export interface CdcAction {
  readonly path: string
  readonly partitionValues: Readonly<Record<string, string | null>>
  readonly size: number
  readonly dataChange: boolean
  readonly tags?: Readonly<Record<string, string>> | null
}

/** `txn` action: an application's idempotent-write marker. */
export interface TxnAction {
  readonly appId: string
  readonly version: number
  readonly lastUpdated?: number | null
}

/** `commitInfo` action (free-form provenance; only in JSON commits). */
export interface CommitInfoAction {
  readonly timestamp?: number
  readonly inCommitTimestamp?: number
  readonly operation?: string
  readonly operationParameters?: Readonly<Record<string, unknown>>
  readonly readVersion?: number
  readonly isolationLevel?: string
  readonly isBlindAppend?: boolean
  readonly operationMetrics?: Readonly<Record<string, string>>
  readonly engineInfo?: string
  readonly txnId?: string
  readonly [key: string]: unknown
}

/** `domainMetadata` action. */
export interface DomainMetadataAction {
  readonly domain: string
  readonly configuration: string
  readonly removed: boolean
}

/** V2 checkpoint `checkpointMetadata` action. */
export interface CheckpointMetadataAction {
  readonly version: number
  readonly tags?: Readonly<Record<string, string>> | null
}

/** V2 checkpoint `sidecar` action. */
export interface SidecarAction {
  readonly path: string
  readonly sizeInBytes: number
  readonly modificationTime: number
  readonly tags?: Readonly<Record<string, string>> | null
}

/** One line of a commit: exactly one key set. */
export type Action =
  | { readonly protocol: ProtocolAction }
  | { readonly metaData: MetadataAction }
  | { readonly add: AddAction }
  | { readonly remove: RemoveAction }
  | { readonly cdc: CdcAction }
  | { readonly txn: TxnAction }
  | { readonly commitInfo: CommitInfoAction }
  | { readonly domainMetadata: DomainMetadataAction }
  | { readonly checkpointMetadata: CheckpointMetadataAction }
  | { readonly sidecar: SidecarAction }
