/**
 * @module lake/operations/transaction
 * What every operation shares: opening a table for writing (the process's snapshot brought up to
 * date, see `snapshot-cache.ts`, + writer-protocol check),
 * committing through {@link commit} with the append-only rule enforced, and the post-commit hook
 * (a checkpoint every `delta.checkpointInterval` commits — 10 by default, as Spark — followed by
 * expired-log cleanup). A failed checkpoint never fails the commit: it is reported as a warning.
 */
import type { AddAction, RemoveAction } from '../protocol/actions.js'
import { DeltaError, NotADeltaTableError } from '../lake-errors.js'
import type { SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'
import type { Snapshot } from '../snapshot.js'
import { loadSnapshot } from '../snapshot-load.js'
import { latestSnapshot, rememberSnapshot } from '../snapshot-cache.js'
import { commit, type CommitOptions, type CommitResult } from '../log/commit.js'
import { writeCheckpoint, type CheckpointResult } from '../checkpoint/checkpoint-writer.js'
import { cleanupExpiredLogs } from '../log/log-cleanup.js'
import { checkWritable, isAppendOnly } from './writer-protocol.js'

/** The table and engine an operation works on. */
export interface TableTarget {
  /** The table's store, rooted at the table directory. */
  readonly store: ObjectStore
  /** The engine that writes and reads Parquet. */
  readonly executor: SqlExecutor
}

/** What every operation returns. */
export interface OperationResult<M> {
  /** The version committed (or the current one when nothing was committed). */
  readonly version: number
  readonly metrics: M
  /** The checkpoint written after the commit, if one was due. */
  readonly checkpoint?: CheckpointResult
  /** Non-fatal problems (a checkpoint that could not be written). */
  readonly warnings?: readonly string[]
}

/** The latest snapshot (`snapshot-cache.ts`), checked that pitwall may write it. */
export async function openForWrite(target: TableTarget): Promise<Snapshot> {
  // The process's snapshot of the table, brought up to date (the log is not re-read each time).
  const snapshot = await latestSnapshot(target.store, target.executor)
  checkWritable(snapshot.protocol, snapshot.metadata, target.store.root)
  return snapshot
}

/** Like {@link openForWrite}, but `undefined` when there is no table yet. */
export async function openIfExists(target: TableTarget): Promise<Snapshot | undefined> {
  try {
    return await openForWrite(target)
  } catch (error) {
    if (error instanceof NotADeltaTableError) return undefined
    throw error
  }
}

/** The tombstone of a live file (repeats its DV and metadata, as Spark does). */
export function removeOf(add: AddAction, dataChange = true, now = Date.now()): RemoveAction {
  return {
    path: add.path,
    deletionTimestamp: now,
    dataChange,
    extendedFileMetadata: true,
    partitionValues: add.partitionValues,
    size: add.size,
    ...(add.stats === undefined || add.stats === null ? {} : { stats: add.stats }),
    ...(add.tags === undefined || add.tags === null ? {} : { tags: add.tags }),
    ...(add.deletionVector === undefined || add.deletionVector === null
      ? {}
      : { deletionVector: add.deletionVector }),
    ...(add.baseRowId === undefined || add.baseRowId === null ? {} : { baseRowId: add.baseRowId }),
    ...(add.defaultRowCommitVersion === undefined || add.defaultRowCommitVersion === null
      ? {}
      : { defaultRowCommitVersion: add.defaultRowCommitVersion }),
  }
}

/** The number of records a file's stats claim (0 when unknown). */
export function numRecords(add: AddAction): number {
  if (add.stats === undefined || add.stats === null) return 0
  try {
    return Number((JSON.parse(add.stats) as { numRecords?: number }).numRecords ?? 0)
  } catch {
    return 0
  }
}

/**
 * Commits on top of `snapshot` (or creates the table when it is undefined), then runs the
 * post-commit hook.
 */
export async function commitOperation(
  target: TableTarget,
  snapshot: Snapshot | undefined,
  options: Omit<CommitOptions, 'store' | 'readVersion'>,
): Promise<CommitResult & { checkpoint?: CheckpointResult; warnings: string[] }> {
  if (snapshot !== undefined && isAppendOnly(snapshot.metadata)) {
    const bad = options.actions.find((a) => 'remove' in a && a.remove.dataChange)
    if (bad !== undefined) {
      throw new DeltaError(
        'append-only',
        `table ${target.store.root} is append-only (delta.appendOnly=true); ${options.operation} would remove data`,
        {
          hint: "set delta.appendOnly to 'false' first if this is intended",
        },
      )
    }
  }
  // The configuration after this commit (a commit may change it).
  const config = (() => {
    for (const a of options.actions) if ('metaData' in a) return a.metaData.configuration
    return snapshot?.configuration ?? {}
  })()
  // `delta.isolationLevel = Serializable`: concurrent blind appends that may hold rows this
  // transaction read conflict too (WriteSerializable lets them through). Rewrites that change no
  // data keep the SnapshotIsolation they ask for, as Spark's OPTIMIZE does.
  const scope =
    config['delta.isolationLevel'] === 'Serializable' && options.scope?.isolation === undefined
      ? { ...options.scope, isolation: 'Serializable' as const }
      : options.scope
  const result = await commit({
    ...options,
    ...(scope === undefined ? {} : { scope }),
    store: target.store,
    readVersion: snapshot?.version ?? -1,
    inCommitTimestamps: config['delta.enableInCommitTimestamps'] === 'true',
  })
  const warnings: string[] = []
  // The snapshot this commit produced, when no other commit came in between: the next operation
  // of this process starts from it, and a due checkpoint is written from it.
  const after =
    snapshot !== undefined && result.version === snapshot.version + 1
      ? snapshot.advance([
          {
            version: result.version,
            actions: [{ commitInfo: result.commitInfo }, ...options.actions],
          },
        ])
      : undefined
  if (after !== undefined) await rememberSnapshot(target.store, after)
  const configuration = config
  const interval = Number(configuration['delta.checkpointInterval'] ?? 10)
  if (result.version > 0 && interval > 0 && result.version % interval === 0) {
    try {
      const at =
        after ??
        (await loadSnapshot(target.store, { version: result.version, sql: target.executor }))
      const checkpoint = await writeCheckpoint(at, target.executor)
      await cleanupExpiredLogs(target.store, { configuration })
      return { ...result, checkpoint, warnings }
    } catch (error) {
      warnings.push(
        `checkpoint of version ${result.version} not written: ${(error as Error).message}`,
      )
    }
  }
  return { ...result, warnings }
}
