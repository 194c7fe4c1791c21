/**
 * @module lake/log/commit-timestamps
 * Commit timestamps for time travel, history and CDF (PROTOCOL.md "In-Commit Timestamps";
 * PROTOCOL-NOTES §1.13): the `inCommitTimestamp` of the commit when in-commit timestamps are on
 * for that version, else the modification time of `N.json`, made strictly increasing
 * (`ts <= previous` → `previous + 1`) as Spark's `DeltaHistoryManager` does.
 */
import type { LogListing, LogStore } from './log-store.js'

/** When in-commit timestamps apply: from `enablementVersion` on (undefined = never). */
export function ictEnablementVersion(
  configuration: Readonly<Record<string, string>>,
): number | undefined {
  if (configuration['delta.enableInCommitTimestamps'] !== 'true') return undefined
  const v = configuration['delta.inCommitTimestampEnablementVersion']
  return v === undefined ? 0 : Number(v)
}

/**
 * Timestamps (epoch ms) of every listed JSON commit, ascending by version.
 * @param ictFrom first version whose timestamp is its `inCommitTimestamp` (read from the commit).
 */
export async function commitTimestamps(
  log: LogStore,
  listing: LogListing,
  ictFrom: number | undefined,
): Promise<Map<number, number>> {
  const versions = [...listing.commits.keys()].sort((a, b) => a - b)
  const out = new Map<number, number>()
  let previous = -Infinity
  for (const v of versions) {
    let ts = listing.commits.get(v)?.modified ?? 0
    if (ictFrom !== undefined && v >= ictFrom) {
      const ict = await readIct(log, v)
      if (ict !== undefined) ts = ict
    } else if (ts <= previous) ts = previous + 1
    out.set(v, ts)
    previous = ts
  }
  return out
}

/** The `inCommitTimestamp` of a commit (its first action must be commitInfo). */
export async function readIct(log: LogStore, version: number): Promise<number | undefined> {
  const actions = await log.readCommit(version)
  for (const a of actions) {
    if ('commitInfo' in a && typeof a.commitInfo.inCommitTimestamp === 'number') {
      return a.commitInfo.inCommitTimestamp
    }
  }
  return undefined
}
