/**
 * @module lake/operations/write
 * WRITE: append, overwrite (whole table, `replaceWhere` predicate, or dynamic partition
 * overwrite), with schema enforcement/evolution (`mergeSchema`) and idempotent writes through
 * `txn` (application id + version: a version already recorded for the app is skipped). Creates
 * the table when it does not exist.
 */
import type { Action, AddAction } from '../protocol/actions.js'
import { CommitConflictError, DeltaError } from '../lake-errors.js'
import { writeDataFiles } from '../write/data-writer.js'
import { writeCdcFiles } from '../write/cdc-writer.js'
import { reconcileSchema } from '../write/schema-merge.js'
import { checkNotNull, describeSource, projectToSchema } from '../write/source-schema.js'
import { createTable, newMetadata } from './create-table.js'
import { removeMatchingRows } from './copy-on-write.js'
import { requiredProtocol } from './writer-protocol.js'
import {
  commitOperation,
  numRecords,
  openIfExists,
  removeOf,
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

/** Writes rows to a Delta table. */
export async function writeTable(options: WriteOptions): Promise<OperationResult<WriteMetrics>> {
  const mode = options.mode ?? 'append'
  const snapshot = await openIfExists(options)
  const txns = [...(options.txn === undefined ? [] : [options.txn]), ...(options.txns ?? [])]
  const txnTime = Date.now()
  const txnAction: Action[] = txns.map((t) => ({ txn: { ...t, lastUpdated: txnTime } }))
  if (snapshot === undefined) {
    let created
    try {
      created = await createTable({
        ...options,
        sql: options.sql,
        ...(options.partitionColumns === undefined
          ? {}
          : { partitionColumns: options.partitionColumns }),
        ...(options.configuration === undefined ? {} : { configuration: options.configuration }),
        extraActions: txnAction,
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
  const none = {
    numFiles: 0,
    numOutputRows: 0,
    numRemovedFiles: 0,
    numCopiedRows: 0,
    addedColumns: [],
  }
  if (mode === 'error') {
    throw new DeltaError(
      'table-exists',
      `a Delta table already exists at ${options.store.root} (mode 'error')`,
    )
  }
  if (mode === 'ignore') return { version: snapshot.version, metrics: { ...none, skipped: true } }
  if (txns.some((t) => (snapshot.txns.get(t.appId) ?? -1) >= t.version)) {
    return { version: snapshot.version, metrics: { ...none, skipped: true } }
  }
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
  const projected = projectToSchema(options.sql, source, schema)
  await checkNotNull(options.executor, projected, schema)
  const partitionColumns =
    replacing && options.partitionColumns !== undefined
      ? options.partitionColumns
      : snapshot.partitionColumns
  if (replacing) newMetadata(schema, partitionColumns, snapshot.configuration) // validates partition columns
  if (options.replaceWhere !== undefined) {
    const bad = await options.executor.all(
      `SELECT count(*) AS n FROM (${projected}) WHERE (${options.replaceWhere}) IS NOT TRUE`,
    )
    if (Number(bad[0]?.['n'] ?? 0) > 0) {
      throw new DeltaError(
        'replace-where-violation',
        `${String(bad[0]?.['n'])} written row(s) do not satisfy replaceWhere '${options.replaceWhere}'`,
        { hint: 'every row of a replaceWhere overwrite must match the predicate' },
      )
    }
  }
  const adds = await writeDataFiles({
    executor: options.executor,
    store: options.store,
    sql: projected,
    schema,
    partitionColumns,
    configuration: snapshot.configuration,
  })
  const actions: Action[] = []
  if (reconciled.changed) {
    const metaData = {
      ...snapshot.metadata,
      schemaString: JSON.stringify(schema),
      partitionColumns: [...partitionColumns],
    }
    const protocol = requiredProtocol(schema, metaData.configuration, snapshot.protocol)
    if (JSON.stringify(protocol) !== JSON.stringify(snapshot.protocol)) actions.push({ protocol })
    actions.push({ metaData })
  }
  let removedFiles = 0
  let copiedRows = 0
  let read: { wholeTable?: boolean; readFiles?: string[]; mayMatch?: (a: AddAction) => boolean } =
    {}
  if (mode === 'overwrite' && options.replaceWhere !== undefined) {
    const cow = await removeMatchingRows(options, snapshot, options.replaceWhere)
    actions.push(...cow.actions)
    removedFiles = cow.filesRemoved
    copiedRows = cow.rowsCopied
    read = { readFiles: cow.filesRead.map((f) => f.path), mayMatch: () => true }
  } else if (mode === 'overwrite' && options.partitionOverwrite === true) {
    const keys = new Set(adds.map((a) => JSON.stringify(a.partitionValues)))
    const inPartitions = (a: AddAction): boolean =>
      keys.has(JSON.stringify(normalise(a, partitionColumns)))
    const old = snapshot.addActions.filter(inPartitions)
    actions.push(...old.map((f) => ({ remove: removeOf(f) })))
    removedFiles = old.length
    read = { readFiles: old.map((f) => f.path), mayMatch: inPartitions }
  } else if (mode === 'overwrite') {
    actions.push(...snapshot.addActions.map((f) => ({ remove: removeOf(f) })))
    removedFiles = snapshot.files.size
    read = { wholeTable: true }
  }
  actions.push(...txnAction, ...adds.map((add) => ({ add })))
  if (adds.length > 0 && actions.some((a) => 'cdc' in a)) {
    // A version with cdc files is read from them only: the new rows must be there too.
    const cdc = await writeCdcFiles({
      executor: options.executor,
      store: options.store,
      sql: `SELECT *, 'insert' AS _change_type FROM (${projected})`,
      schema,
      partitionColumns,
    })
    actions.push(...cdc.map((c) => ({ cdc: c })))
  }
  const rows = adds.reduce((n, a) => n + numRecords(a), 0)
  const result = await commitOperation(options, snapshot, {
    operation: 'WRITE',
    operationParameters: {
      mode: mode === 'append' ? 'Append' : 'Overwrite',
      partitionBy: JSON.stringify(partitionColumns),
      ...(options.replaceWhere === undefined
        ? {}
        : { predicate: JSON.stringify([options.replaceWhere]) }),
    },
    operationMetrics: {
      numFiles: adds.length,
      numOutputRows: rows,
      numRemovedFiles: removedFiles,
      numCopiedRows: copiedRows,
    },
    actions,
    isBlindAppend: mode === 'append' && !reconciled.changed,
    scope: { ...read, ...(txns.length === 0 ? {} : { appIds: txns.map((t) => t.appId) }) },
  })
  return {
    version: result.version,
    metrics: {
      numFiles: adds.length,
      numOutputRows: rows,
      numRemovedFiles: removedFiles,
      numCopiedRows: copiedRows,
      skipped: false,
      addedColumns: reconciled.added,
    },
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}

/** Partition values with every partition column present and '' as null (as the writer emits). */
function normalise(
  add: AddAction,
  partitionColumns: readonly string[],
): Record<string, string | null> {
  return Object.fromEntries(
    partitionColumns.map((c) => {
      const v = add.partitionValues[c]
      return [c, v === undefined || v === '' ? null : v]
    }),
  )
}
