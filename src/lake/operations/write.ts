/**
 * @module lake/operations/write
 * WRITE: append, overwrite (whole table, `replaceWhere` predicate, or dynamic partition
 * overwrite — see `overwrite.ts`), with schema enforcement/evolution (`mergeSchema`,
 * `overwriteSchema`) and idempotent writes through `txn` (application id + version: a version
 * already recorded for the app is skipped). Creates the table when it does not exist. A dynamic
 * partition overwrite without rows (and without a schema change) commits nothing.
 */
import type { Action } from '../protocol/actions.js'
import { CommitConflictError, DeltaError } from '../lake-errors.js'
import type { Snapshot } from '../snapshot.js'
import type { StructType } from '../protocol/schema.js'
import { writeDataFiles } from '../write/data-writer.js'
import { writeCdcFiles } from '../write/cdc-writer.js'
import { reconcileSchema } from '../write/schema-merge.js'
import { checkNotNull, describeSource, projectToSchema } from '../write/source-schema.js'
import { createTable, newMetadata } from './create-table.js'
import { checkReplaceWhere, overwritePlan, type OverwritePlan } from './overwrite.js'
import { requiredProtocol } from './writer-protocol.js'
import {
  commitOperation,
  numRecords,
  openIfExists,
  type OperationResult,
  type TableTarget,
} from './transaction.js'

/** Save modes (Spark's). */
export type WriteMode = 'append' | 'overwrite' | 'error' | 'ignore'

/** Options of {@link writeTable}. */
export interface WriteOptions extends TableTarget {
  /** The rows to write. */
  readonly sql: string
  /** Default `append`. */
  readonly mode?: WriteMode
  /** Overwrite only the rows matching this SQL predicate; the new rows must all match it. */
  readonly replaceWhere?: string
  /** Overwrite only the partitions the new rows fall in (dynamic partition overwrite). */
  readonly partitionOverwrite?: boolean
  /** Add new columns of the data to the table schema. */
  readonly mergeSchema?: boolean
  /**
   * With `mode: 'overwrite'` (whole table): replace the schema (and the partitioning, when
   * `partitionColumns` is given) by the data's, as Spark's `overwriteSchema` (a dbt full refresh).
   */
  readonly overwriteSchema?: boolean
  /** Partitioning and properties, used when the write creates the table. */
  readonly partitionColumns?: readonly string[]
  readonly configuration?: Readonly<Record<string, string>>
  /**
   * Every row's partition values, when the caller knows them (a static partition, as Spark's
   * `INSERT … PARTITION (c = v)`): the files go straight into that partition's folder.
   */
  readonly partitionValues?: Readonly<Record<string, string | null>>
  /** Idempotent write: skipped when the table already recorded this app's version. */
  readonly txn?: { readonly appId: string; readonly version: number }
  /**
   * Several idempotent writes in one commit (a loader committing several landing files at once),
   * each recorded as its own `txn` action: skipped when the table already recorded any of them
   * (the caller re-reads and retries with the rest); a concurrent commit of any is a conflict.
   */
  readonly txns?: readonly { readonly appId: string; readonly version: number }[]
}

/** Metrics of a write. */
export interface WriteMetrics {
  readonly numFiles: number
  readonly numOutputRows: number
  readonly numRemovedFiles: number
  readonly numCopiedRows: number
  /** True when an idempotent write was skipped. */
  readonly skipped: boolean
  readonly addedColumns: readonly string[]
}

const NOTHING = {
  numFiles: 0,
  numOutputRows: 0,
  numRemovedFiles: 0,
  numCopiedRows: 0,
  addedColumns: [],
} as const

/** Writes rows to a Delta table. */
export async function writeTable(options: WriteOptions): Promise<OperationResult<WriteMetrics>> {
  const mode = options.mode ?? 'append'
  const snapshot = await openIfExists(options)
  if (snapshot === undefined) return createByWrite(options, mode)
  if (mode === 'error') {
    throw new DeltaError(
      'table-exists',
      `a Delta table already exists at ${options.store.root} (mode 'error')`,
    )
  }
  if (mode === 'ignore')
    return { version: snapshot.version, metrics: { ...NOTHING, skipped: true } }
  if (txnsOf(options).some((t) => (snapshot.txns.get(t.appId) ?? -1) >= t.version)) {
    return { version: snapshot.version, metrics: { ...NOTHING, skipped: true } }
  }
  const data = await prepareData(options, snapshot, mode)
  const adds = await writeDataFiles({
    executor: options.executor,
    store: options.store,
    sql: data.rows,
    schema: data.schema,
    partitionColumns: data.partitionColumns,
    configuration: snapshot.configuration,
    ...(options.partitionValues === undefined ? {} : { partitionValues: options.partitionValues }),
  })
  if (
    adds.length === 0 &&
    options.partitionOverwrite === true &&
    !data.changed &&
    txnsOf(options).length === 0
  ) {
    // No new rows fall in any partition: nothing is replaced, so nothing is committed (an
    // incremental model with no new rows keeps its version).
    return { version: snapshot.version, metrics: { ...NOTHING, skipped: false } }
  }
  const actions: Action[] = data.changed ? schemaActions(snapshot, data) : []
  const removal: OverwritePlan | undefined =
    mode === 'overwrite'
      ? await overwritePlan(options, snapshot, adds, data.partitionColumns, options)
      : undefined
  actions.push(...(removal?.actions ?? []), ...txnActions(options), ...adds.map((add) => ({ add })))
  if (adds.length > 0 && actions.some((a) => 'cdc' in a)) {
    // A version with cdc files is read from them only: the new rows must be there too.
    const cdc = await writeCdcFiles({
      executor: options.executor,
      store: options.store,
      sql: `SELECT *, 'insert' AS _change_type FROM (${data.rows})`,
      schema: data.schema,
      partitionColumns: data.partitionColumns,
    })
    actions.push(...cdc.map((c) => ({ cdc: c })))
  }
  const metrics: WriteMetrics = {
    numFiles: adds.length,
    numOutputRows: adds.reduce((n, a) => n + numRecords(a), 0),
    numRemovedFiles: removal?.removedFiles ?? 0,
    numCopiedRows: removal?.copiedRows ?? 0,
    skipped: false,
    addedColumns: data.added,
  }
  const result = await commitOperation(options, snapshot, {
    operation: 'WRITE',
    operationParameters: {
      mode: mode === 'append' ? 'Append' : 'Overwrite',
      partitionBy: JSON.stringify(data.partitionColumns),
      ...(options.replaceWhere === undefined
        ? {}
        : { predicate: JSON.stringify([options.replaceWhere]) }),
    },
    operationMetrics: {
      numFiles: metrics.numFiles,
      numOutputRows: metrics.numOutputRows,
      numRemovedFiles: metrics.numRemovedFiles,
      numCopiedRows: metrics.numCopiedRows,
    },
    actions,
    isBlindAppend: mode === 'append' && !data.changed,
    scope: {
      ...removal?.scope,
      ...(txnsOf(options).length === 0 ? {} : { appIds: txnsOf(options).map((t) => t.appId) }),
    },
  })
  return {
    version: result.version,
    metrics,
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}

/** The write's `txn`s: `txn` and `txns` together. */
function txnsOf(options: WriteOptions): { readonly appId: string; readonly version: number }[] {
  return [...(options.txn === undefined ? [] : [options.txn]), ...(options.txns ?? [])]
}

function txnActions(options: WriteOptions): Action[] {
  const now = Date.now()
  return txnsOf(options).map((t) => ({ txn: { ...t, lastUpdated: now } }))
}

/** The write that creates the table (version 0); a lost creation race writes into the winner's. */
async function createByWrite(
  options: WriteOptions,
  mode: WriteMode,
): Promise<OperationResult<WriteMetrics>> {
  let created
  try {
    created = await createTable({
      ...options,
      ...(options.partitionColumns === undefined
        ? {}
        : { partitionColumns: options.partitionColumns }),
      ...(options.configuration === undefined ? {} : { configuration: options.configuration }),
      extraActions: txnActions(options),
    })
  } catch (error) {
    // Another writer created the table first: write into it like any existing table (the
    // files written for the lost create are unreferenced; VACUUM removes them).
    const lostCreate =
      error instanceof CommitConflictError ||
      (error instanceof DeltaError && error.code === 'table-exists')
    if (lostCreate && (mode === 'append' || mode === 'overwrite')) return writeTable(options)
    throw error
  }
  return {
    ...created,
    metrics: {
      ...created.metrics,
      numRemovedFiles: 0,
      numCopiedRows: 0,
      skipped: false,
      addedColumns: [],
    },
  }
}

/** The rows to write, shaped to the (possibly evolved) table schema, and that schema. */
interface PreparedData {
  /** A query giving exactly the schema's columns with the table's types. */
  readonly rows: string
  readonly schema: StructType
  readonly partitionColumns: readonly string[]
  /** The schema (or partitioning) changes: the commit carries a new metaData. */
  readonly changed: boolean
  readonly added: readonly string[]
}

/** Reconciles the data's schema with the table's and checks NOT NULL and `replaceWhere`. */
async function prepareData(
  options: WriteOptions,
  snapshot: Snapshot,
  mode: WriteMode,
): Promise<PreparedData> {
  const source = await describeSource(options.executor, options.sql)
  const replacing = options.overwriteSchema === true
  if (
    replacing &&
    (mode !== 'overwrite' ||
      options.replaceWhere !== undefined ||
      options.partitionOverwrite === true)
  ) {
    throw new DeltaError(
      'overwrite-schema',
      'overwriteSchema needs mode overwrite of the whole table (no replaceWhere or partition overwrite)',
    )
  }
  const reconciled = replacing
    ? { schema: source, changed: true, added: [] as string[] }
    : reconcileSchema(snapshot.schema, source, {
        ...(options.mergeSchema === undefined ? {} : { mergeSchema: options.mergeSchema }),
        tableName: options.store.root,
      })
  const schema = reconciled.schema
  const rows = projectToSchema(options.sql, source, schema)
  await checkNotNull(options.executor, rows, schema)
  const partitionColumns =
    replacing && options.partitionColumns !== undefined
      ? options.partitionColumns
      : snapshot.partitionColumns
  if (replacing) newMetadata(schema, partitionColumns, snapshot.configuration) // validates partition columns
  if (options.replaceWhere !== undefined) {
    await checkReplaceWhere(options.executor, rows, options.replaceWhere)
  }
  return { rows, schema, partitionColumns, changed: reconciled.changed, added: reconciled.added }
}

/** The metaData (and protocol upgrade) of a write that changes the schema or partitioning. */
function schemaActions(snapshot: Snapshot, data: PreparedData): Action[] {
  const metaData = {
    ...snapshot.metadata,
    schemaString: JSON.stringify(data.schema),
    partitionColumns: [...data.partitionColumns],
  }
  const protocol = requiredProtocol(data.schema, metaData.configuration, snapshot.protocol)
  return JSON.stringify(protocol) !== JSON.stringify(snapshot.protocol)
    ? [{ protocol }, { metaData }]
    : [{ metaData }]
}
