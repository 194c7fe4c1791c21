/**
 * @module lake/snapshot-time-travel
 * Time travel by timestamp (PROTOCOL-NOTES §1.13): the latest version whose commit timestamp
 * (in-commit timestamp, else the monotonised mtime of its commit file) is ≤ the requested instant.
 * An instant before the earliest available commit is an error (as Spark and kernel-java; delta-rs
 * would return the first version); an instant after the latest commit gives the latest version
 * (as kernel-java).
 */
import { DeltaError } from './lake-errors.js'
import { commitTimestamps } from './log/commit-timestamps.js'
import type { LogListing, LogStore } from './log/log-store.js'

/**
 * The version current at `wanted` (epoch ms).
 * @param ictFrom first version whose timestamp is its in-commit timestamp (undefined = none).
 * @throws DeltaError `timestamp-before-history` before the earliest available commit.
 */
export async function versionAtTimestamp(
  log: LogStore,
  listing: LogListing,
  wanted: number,
  ictFrom: number | undefined,
): Promise<number> {
  const stamps = await commitTimestamps(log, listing, ictFrom)
  let found: number | undefined
  let earliest: number | undefined
  for (const [v, ts] of stamps) {
    if (earliest === undefined) earliest = ts
    if (ts <= wanted) found = v
  }
  if (found === undefined) {
    const table = log.store.root
    throw new DeltaError(
      'timestamp-before-history',
      `${new Date(wanted).toISOString()} is before the earliest available commit of ${table}` +
        (earliest === undefined ? '' : ` (${new Date(earliest).toISOString()})`),
      { context: { table, timestamp: wanted }, hint: 'use a later timestamp or a version' },
    )
  }
  return found
}

/** Parses a timestamp option (Date, epoch ms, or ISO-8601 string). */
export function toEpochMs(value: Date | number | string): number {
  const ms =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) {
    throw new DeltaError('invalid-timestamp', `invalid timestamp '${String(value)}'`, {
      hint: 'use an ISO-8601 timestamp such as 2024-06-30T12:00:00Z',
    })
  }
  return ms
}
