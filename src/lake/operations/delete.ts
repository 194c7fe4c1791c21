/**
 * @module lake/operations/delete
 * DELETE FROM … WHERE predicate, copy-on-write: files whose rows all match are removed, files with
 * some matching rows are rewritten without them, deletion vectors of rewritten files are honoured
 * (deleted rows never come back), and with CDF on the deleted rows go to `_change_data`.
 */
import type { Action } from '../protocol/actions.js'
import { liveRows, removeMatchingRows } from './copy-on-write.js'
import {
  commitOperation,
  openForWrite,
  removeOf,
  type OperationResult,
  type TableTarget,
} from './transaction.js'
import { cdfEnabled } from './writer-protocol.js'

/** Options of {@link deleteRows}. */
export interface DeleteOptions extends TableTarget {
  /** SQL predicate over the table's columns; omitted = delete every row. */
  readonly predicate?: string
}

/** Metrics of a delete. */
export interface DeleteMetrics {
  readonly numRemovedFiles: number
  readonly numAddedFiles: number
  readonly numDeletedRows: number
  readonly numCopiedRows: number
}

/** Deletes rows. Commits nothing (and returns the current version) when no row matches. */
export async function deleteRows(options: DeleteOptions): Promise<OperationResult<DeleteMetrics>> {
  const snapshot = await openForWrite(options)
  let actions: Action[]
  let metrics: DeleteMetrics
  let readFiles: string[]
  if (options.predicate === undefined && !cdfEnabled(snapshot.metadata)) {
    // Every file goes whole: no rewrite, and the rows are counted from the stats (a scan only
    // for files without numRecords).
    const files = snapshot.addActions
    actions = files.map((f) => ({ remove: removeOf(f) }))
    metrics = {
      numRemovedFiles: files.length,
      numAddedFiles: 0,
      numDeletedRows: await liveRows(options, snapshot, files),
      numCopiedRows: 0,
    }
    readFiles = files.map((f) => f.path)
  } else {
    const cow = await removeMatchingRows(options, snapshot, options.predicate ?? 'true')
    actions = cow.actions
    metrics = {
      numRemovedFiles: cow.filesRemoved,
      numAddedFiles: cow.filesAdded,
      numDeletedRows: cow.rowsRemoved,
      numCopiedRows: cow.rowsCopied,
    }
    readFiles = cow.filesRead.map((f) => f.path)
  }
  if (actions.length === 0) return { version: snapshot.version, metrics }
  const result = await commitOperation(options, snapshot, {
    operation: 'DELETE',
    operationParameters: {
      predicate: JSON.stringify(options.predicate === undefined ? [] : [options.predicate]),
    },
    operationMetrics: { ...metrics },
    actions,
    scope: { readFiles, mayMatch: () => true },
  })
  return {
    version: result.version,
    metrics,
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}
