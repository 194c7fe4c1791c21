/**
 * @module lake/operations/restore
 * RESTORE to a version or a timestamp: one commit that re-adds the files live at that version and
 * removes the files added since (Spark's `RestoreTableCommand`); the metadata of that version comes
 * back too, the protocol never goes down. Refused when a file it needs was already vacuumed.
 */
import type { Action } from '../protocol/actions.js'
import { dvUniqueId } from '../protocol/parse-actions.js'
import { fileKey, normalizePath } from '../protocol/paths.js'
import { DeltaError } from '../lake-errors.js'
import { loadSnapshot } from '../snapshot-load.js'
import {
  commitOperation,
  openForWrite,
  removeOf,
  type OperationResult,
  type TableTarget,
} from './transaction.js'

/** Options of {@link restoreTable}: give `version` or `timestamp`. */
export interface RestoreOptions extends TableTarget {
  readonly version?: number
  readonly timestamp?: Date | number | string
}

/** Metrics of a restore (Spark's names). */
export interface RestoreMetrics {
  readonly restoredVersion: number
  readonly numRestoredFiles: number
  readonly numRemovedFiles: number
  readonly numOfFilesAfterRestore: number
  readonly tableSizeAfterRestore: number
}

/** Restores the table to an earlier version. */
export async function restoreTable(
  options: RestoreOptions,
): Promise<OperationResult<RestoreMetrics>> {
  const current = await openForWrite(options)
  const target = await loadSnapshot(options.store, {
    sql: options.executor,
    ...(options.version === undefined ? {} : { version: options.version }),
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  })
  const key = (a: { path: string; deletionVector?: Parameters<typeof dvUniqueId>[0] }): string =>
    fileKey(a.path, dvUniqueId(a.deletionVector))
  const now = new Set([...current.files.values()].map(key))
  const then = new Set([...target.files.values()].map(key))
  const toAdd = [...target.files.values()].filter((a) => !now.has(key(a)))
  const toRemove = [...current.files.values()].filter((a) => !then.has(key(a)))
  const missing: string[] = []
  for (const a of toAdd) {
    if ((await options.store.head(normalizePath(a.path))) === undefined) missing.push(a.path)
  }
  if (missing.length > 0) {
    throw new DeltaError(
      'restore-files-missing',
      `cannot restore ${options.store.root} to version ${target.version}: ${missing.length} of its file(s) were deleted (e.g. ${missing[0]}), probably by VACUUM`,
      { hint: 'restore to a newer version whose files still exist' },
    )
  }
  const actions: Action[] = []
  if (JSON.stringify(target.metadata) !== JSON.stringify(current.metadata)) {
    actions.push({ metaData: target.metadata })
  }
  actions.push(
    ...toRemove.map((f) => ({ remove: removeOf(f) })),
    ...toAdd.map((f) => ({ add: { ...f, dataChange: true } })),
  )
  const files = [...target.files.values()]
  const metrics: RestoreMetrics = {
    restoredVersion: target.version,
    numRestoredFiles: toAdd.length,
    numRemovedFiles: toRemove.length,
    numOfFilesAfterRestore: files.length,
    tableSizeAfterRestore: files.reduce((n, f) => n + f.size, 0),
  }
  const result = await commitOperation(options, current, {
    operation: 'RESTORE',
    operationParameters: {
      version: options.version ?? null,
      timestamp: options.timestamp === undefined ? null : String(options.timestamp),
    },
    operationMetrics: { ...metrics },
    actions,
    scope: { wholeTable: true },
  })
  return {
    version: result.version,
    metrics,
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}
