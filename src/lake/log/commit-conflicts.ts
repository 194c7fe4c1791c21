/**
 * @module lake/log/commit-conflicts
 * The conflict checks run when a commit loses the put-if-absent race (PROTOCOL-NOTES §1.9, as
 * delta-rs's `conflict_checker.rs` and Spark's `ConflictChecker`): for each winning commit, is
 * there a real conflict with what our transaction read and removed, or can we rebase on top of it?
 */
import type { Action, AddAction } from '../protocol/actions.js'
import { normalizePath } from '../protocol/paths.js'
import { CommitConflictError } from '../lake-errors.js'

/** Isolation levels (Delta's names). */
export type IsolationLevel = 'Serializable' | 'WriteSerializable' | 'SnapshotIsolation'

/** What a transaction read, for conflict detection. All fields optional: a blind append reads nothing. */
export interface ReadScope {
  /** The transaction depends on every file of the table (e.g. a whole-table overwrite). */
  readonly wholeTable?: boolean
  /**
   * True when a file added concurrently could hold rows our transaction should have seen (its
   * predicate, by partition values and stats). Unset = no data predicate was read.
   */
  readonly mayMatch?: (add: AddAction) => boolean
  /** Paths (as in the log) of the files the transaction read. */
  readonly readFiles?: readonly string[]
  /** Application ids whose `txn` version the transaction read. */
  readonly appIds?: readonly string[]
  /** Default `WriteSerializable`; `SnapshotIsolation` for data-change-free rewrites (OPTIMIZE). */
  readonly isolation?: IsolationLevel
}

/**
 * Throws {@link CommitConflictError} when `winner` (committed at `version`) conflicts with our
 * transaction; returns normally when ours can be retried on top of it.
 */
export function checkConflicts(
  ours: readonly Action[],
  winner: readonly Action[],
  version: number,
  scope: ReadScope,
): void {
  const at = `concurrent commit ${version}`
  const isolation = scope.isolation ?? 'WriteSerializable'
  let winnerBlind = false
  const added: AddAction[] = []
  const removed = new Map<string, boolean>()
  for (const a of winner) {
    if ('protocol' in a)
      throw new CommitConflictError('protocol-changed', `${at} changed the protocol`)
    if ('metaData' in a) {
      throw new CommitConflictError(
        'metadata-changed',
        `${at} changed the table metadata (schema or properties)`,
      )
    }
    if ('commitInfo' in a) winnerBlind = a.commitInfo.isBlindAppend === true
    if ('add' in a) added.push(a.add)
    if ('remove' in a) removed.set(normalizePath(a.remove.path), a.remove.dataChange)
    if ('txn' in a && scope.appIds?.includes(a.txn.appId) === true) {
      throw new CommitConflictError(
        'concurrent-transaction',
        `${at} wrote application transaction '${a.txn.appId}' too`,
      )
    }
  }
  for (const a of ours) {
    if ('remove' in a && removed.has(normalizePath(a.remove.path))) {
      throw new CommitConflictError(
        'concurrent-delete-delete',
        `${at} also removed ${a.remove.path}; re-run the operation on the new version`,
      )
    }
  }
  const readSet = new Set((scope.readFiles ?? []).map(normalizePath))
  for (const [path, dataChange] of removed) {
    if (!dataChange) continue
    if (scope.wholeTable === true || readSet.has(path)) {
      throw new CommitConflictError(
        'concurrent-delete-read',
        `${at} removed ${path}, which this transaction read; re-run the operation on the new version`,
      )
    }
  }
  if (isolation === 'SnapshotIsolation') return
  if (isolation === 'WriteSerializable' && winnerBlind) return
  const appended = added.filter((a) => a.dataChange)
  const hit =
    scope.wholeTable === true ? appended[0] : appended.find((a) => scope.mayMatch?.(a) === true)
  if (hit !== undefined) {
    throw new CommitConflictError(
      'concurrent-append',
      `${at} added ${hit.path}, which may hold rows this transaction read; re-run the operation`,
    )
  }
}
