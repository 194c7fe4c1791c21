/**
 * @module lake/read/history
 * Table history (as `DESCRIBE HISTORY`): one entry per available JSON commit, newest first, with
 * its commit timestamp (in-commit timestamp when the commit has one, else the monotonised
 * modification time of the commit file) and its `commitInfo`. Versions whose commit files were
 * cleaned up are not listed.
 */
import type { CommitInfoAction } from '../protocol/actions.js'
import type { ObjectStore } from '../store/object-store.js'
import { LogStore } from '../log/log-store.js'
import { commitTimestamps } from '../log/commit-timestamps.js'
import { mapLimit } from '../log/map-limit.js'

/** One commit of the history. */
export interface HistoryEntry {
  readonly version: number
  /** Commit timestamp, epoch milliseconds. */
  readonly timestamp: number
  /** `commitInfo.operation` (e.g. `WRITE`, `MERGE`), when recorded. */
  readonly operation: string | undefined
  /** The whole `commitInfo` (empty when the commit has none). */
  readonly commitInfo: CommitInfoAction
}

/** Options of {@link history}. */
export interface HistoryOptions {
  /** Only the newest `limit` commits. */
  readonly limit?: number
}

/** Reads the history of a table, newest first. */
export async function history(
  store: ObjectStore,
  options: HistoryOptions = {},
): Promise<HistoryEntry[]> {
  const log = new LogStore(store)
  const listing = await log.listLog({ times: true })
  const stamps = await commitTimestamps(log, listing, undefined)
  const versions = [...listing.commits.keys()].sort((a, b) => b - a)
  const chosen =
    options.limit === undefined ? versions : versions.slice(0, Math.max(0, options.limit))
  const entries = await mapLimit(chosen, 64, async (version): Promise<HistoryEntry> => {
    const actions = await log.readCommit(version)
    let info: CommitInfoAction = {}
    for (const a of actions) if ('commitInfo' in a) info = a.commitInfo
    const ict = typeof info.inCommitTimestamp === 'number' ? info.inCommitTimestamp : undefined
    return {
      version,
      timestamp: ict ?? stamps.get(version) ?? 0,
      operation: typeof info.operation === 'string' ? info.operation : undefined,
      commitInfo: info,
    }
  })
  return entries
}
