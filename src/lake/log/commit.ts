/**
 * @module lake/log/commit
 * The commit flow of the writer (PROTOCOL-NOTES §1.9; delta-rs `kernel/transaction`):
 *
 * ```
 *  prepare actions (data files already written under fresh UUID names)
 *        │
 *        ▼
 *  v = readVersion + 1 ─────────────► putIfAbsent(_delta_log/%020d.json of v)
 *        ▲                                   │                    │
 *        │                                 created            already exists (lost the race)
 *        │                                   │                    │
 *        │                                   ▼                    ▼
 *        │                           committed: v          read winning commits v … latest
 *        │                                                        │
 *        │                                  real conflict ◄───── checkConflicts (protocol, metadata,
 *        │                                  → CommitConflictError  appends matching our reads,
 *        │                                                         deletes of files we read/removed,
 *        └──────────────── no conflict: v = latest + 1 ◄───────── txn app ids)
 * ```
 *
 * The commit file appears atomically and is never overwritten (`putIfAbsent` = hard link from a
 * fsynced temp file on local disk), so readers see a version completely or not at all. `commitInfo`
 * is the first line; `readVersion` stays the version the transaction read; `commitInfo.tags`
 * records how many actions follow (`pitwall.actions`), so a reader recognises a commit file cut
 * short even at a line break (`LogStore.readCommit`).
 */
import { randomUUID } from 'node:crypto'
import type { Action, CommitInfoAction } from '../protocol/actions.js'
import { serializeActions } from '../protocol/parse-actions.js'
import { CommitConflictError, DeltaError, ObjectAlreadyExistsError } from '../lake-errors.js'
import type { ObjectStore } from '../store/object-store.js'
import { commitPath } from './log-files.js'
import { ACTION_COUNT_TAG, LogStore } from './log-store.js'
import { readIct } from './commit-timestamps.js'
import { checkConflicts, type ReadScope } from './commit-conflicts.js'

/** The engine name written to `commitInfo.engineInfo`. */
export const ENGINE_INFO = 'pitwall/0.1.0'

/** What to commit. */
export interface CommitOptions {
  /** The table's store (rooted at the table). */
  readonly store: ObjectStore
  /** The version the transaction read; -1 when it creates the table. */
  readonly readVersion: number
  /** The actions (without `commitInfo`, which is built here). */
  readonly actions: readonly Action[]
  /** `commitInfo.operation`, e.g. `WRITE`, `MERGE`, `DELETE`, `OPTIMIZE`. */
  readonly operation: string
  /** `commitInfo.operationParameters` (values are stored as strings, as Spark does). */
  readonly operationParameters?: Readonly<Record<string, unknown>>
  /** `commitInfo.operationMetrics` (stored as strings). */
  readonly operationMetrics?: Readonly<Record<string, number | string>>
  /** True when the transaction only adds files and read nothing. */
  readonly isBlindAppend?: boolean
  /** What the transaction read (conflict detection). */
  readonly scope?: ReadScope
  /** Attempts after the first lost race (delta-rs: 15). Default 50. */
  readonly maxRetries?: number
  /**
   * In-commit timestamps are on (`delta.enableInCommitTimestamps`): each attempt stamps
   * `commitInfo.inCommitTimestamp = max(now, previous commit's + 1)` (PROTOCOL.md "In-Commit
   * Timestamps"); `commitInfo` is the first line anyway.
   */
  readonly inCommitTimestamps?: boolean
}

/** A successful commit. */
export interface CommitResult {
  readonly version: number
  /** How many times the race was lost before winning. */
  readonly retries: number
  /** The commitInfo written. */
  readonly commitInfo: CommitInfoAction
}

/**
 * Commits `actions` as the next version, retrying on lost races without real conflicts.
 * @throws CommitConflictError on a real conflict (re-run the operation on the new version).
 */
export async function commit(options: CommitOptions): Promise<CommitResult> {
  const { store, readVersion } = options
  const log = new LogStore(store)
  const maxRetries = options.maxRetries ?? 50
  const base = buildCommitInfo(options)
  let version = readVersion + 1
  for (let retries = 0; ; retries++) {
    const commitInfo =
      options.inCommitTimestamps === true && version > 0
        ? await withIct(base, log, version)
        : options.inCommitTimestamps === true
          ? { inCommitTimestamp: base.timestamp, ...base }
          : base
    const tagged: CommitInfoAction = {
      ...commitInfo,
      tags: { [ACTION_COUNT_TAG]: String(options.actions.length) },
    }
    const body = new TextEncoder().encode(
      serializeActions([{ commitInfo: tagged }, ...options.actions]),
    )
    try {
      await store.putIfAbsent(commitPath(version), body)
      return { version, retries, commitInfo: tagged }
    } catch (cause) {
      if (!(cause instanceof ObjectAlreadyExistsError)) throw cause
      if (version === 0) {
        throw new CommitConflictError(
          'protocol-changed',
          `table ${store.root} was created concurrently`,
          {
            cause,
          },
        )
      }
      if (retries >= maxRetries) {
        throw new DeltaError(
          'commit-retries-exhausted',
          `gave up committing to ${store.root} after ${retries} lost races`,
          {
            cause,
            hint: 'too many concurrent writers; retry later',
          },
        )
      }
    }
    // Lost the race: check every commit that won since we last tried.
    let next = version
    while ((await store.head(commitPath(next))) !== undefined) {
      const winner = await log.readCommit(next)
      checkConflicts(options.actions, winner, next, options.scope ?? {})
      next++
    }
    version = next
  }
}

/** Stamps the in-commit timestamp of `version`: strictly after the previous commit's. */
async function withIct(
  base: CommitInfoAction,
  log: LogStore,
  version: number,
): Promise<CommitInfoAction> {
  const previous = await readIct(log, version - 1)
  const now = Date.now()
  const ict = previous === undefined ? now : Math.max(now, previous + 1)
  return { inCommitTimestamp: ict, ...base, timestamp: ict }
}

/**
 * Operation parameters and metrics as Spark stores them: strings (JSON text for structured
 * values), and a JSON `null` for an absent value — never the string `"null"`.
 */
function stringValues(values: Readonly<Record<string, unknown>>): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v),
    ]),
  )
}

function buildCommitInfo(options: CommitOptions): CommitInfoAction {
  const noDataChange = options.actions.every(
    (a) =>
      !('add' in a || 'remove' in a) ||
      ('add' in a ? a.add.dataChange : a.remove.dataChange) === false,
  )
  return {
    timestamp: Date.now(),
    operation: options.operation,
    operationParameters: stringValues(options.operationParameters ?? {}),
    ...(options.readVersion >= 0 ? { readVersion: options.readVersion } : {}),
    // The level the conflict checks below really apply (Delta's default is WriteSerializable).
    isolationLevel:
      options.scope?.isolation ??
      (noDataChange && options.readVersion >= 0 ? 'SnapshotIsolation' : 'WriteSerializable'),
    isBlindAppend: options.isBlindAppend ?? false,
    operationMetrics: stringValues(options.operationMetrics ?? {}) as Record<string, string>,
    engineInfo: ENGINE_INFO,
    txnId: randomUUID(),
  }
}
