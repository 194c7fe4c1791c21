/**
 * @module lake/snapshot-load
 * Loading a {@link Snapshot}: log replay from the newest usable checkpoint plus the JSON commits
 * after it (PROTOCOL-NOTES §1.7); an unreadable checkpoint falls back to an older one; time
 * travel by version or by timestamp (`snapshot-time-travel.ts`).
 */
import { DeltaError, InvalidLogError } from './lake-errors.js'
import type { SqlExecutor } from './sql-executor.js'
import type { ObjectStore } from './store/object-store.js'
import { LogStore, type LogListing } from './log/log-store.js'
import {
  commitRange,
  completeCheckpoints,
  preferHint,
  type CheckpointRef,
} from './log/log-segment.js'
import { readCheckpoint } from './log/checkpoint-reader.js'
import { ReplayState } from './log/replay.js'
import { mapLimit } from './log/map-limit.js'
import { ictEnablementVersion } from './log/commit-timestamps.js'
import { toEpochMs, versionAtTimestamp } from './snapshot-time-travel.js'
import { snapshotFromState, type HintStatus, type Snapshot } from './snapshot.js'

/** Which version to load. */
export interface SnapshotOptions {
  /** The engine that reads Parquet checkpoints (required for tables with Parquet checkpoints). */
  readonly sql?: SqlExecutor
  /** Load this version (time travel by version). */
  readonly version?: number
  /** Load the version current at this instant (time travel by timestamp). */
  readonly timestamp?: Date | number | string
  /** Replay JSON commits only, ignoring checkpoints (consistency checks and benchmarks). */
  readonly ignoreCheckpoints?: boolean
}

/**
 * Loads a snapshot (latest, or by version, or by timestamp).
 * @throws NotADeltaTableError, InvalidLogError, UnsupportedFeatureError
 */
export async function loadSnapshot(
  store: ObjectStore,
  options: SnapshotOptions = {},
): Promise<Snapshot> {
  const log = new LogStore(store)
  const listing = await log.listLog({ times: options.timestamp !== undefined })
  let version = options.version ?? listing.latest
  if (options.timestamp !== undefined) {
    if (options.version !== undefined) {
      throw new DeltaError('time-travel-options', 'give either a version or a timestamp, not both')
    }
    const latest = await loadVersion(store, log, listing, listing.latest, options.sql)
    const wanted = toEpochMs(options.timestamp)
    version = await versionAtTimestamp(
      log,
      listing,
      wanted,
      ictEnablementVersion(latest.configuration),
    )
  }
  if (!Number.isInteger(version) || version < 0 || version > listing.latest) {
    throw new DeltaError(
      'version-not-found',
      `version ${version} of ${store.root} does not exist (latest is ${listing.latest})`,
      { context: { table: store.root, version, latest: listing.latest } },
    )
  }
  return loadVersion(store, log, listing, version, options.sql, options.ignoreCheckpoints === true)
}

async function loadVersion(
  store: ObjectStore,
  log: LogStore,
  listing: LogListing,
  version: number,
  sql: SqlExecutor | undefined,
  ignoreCheckpoints = false,
): Promise<Snapshot> {
  const read = await log.readLastCheckpointHint()
  const hint = read.hint
  const candidates = ignoreCheckpoints
    ? []
    : preferHint(completeCheckpoints(listing, version), hint)
  let hintStatus: HintStatus = read.status === 'absent' ? 'absent' : 'ignored'
  let lastError: unknown
  for (const cp of [...candidates, undefined]) {
    let state: ReplayState
    try {
      state = await replay(store, log, listing, cp, version, sql)
    } catch (e) {
      // A checkpoint that cannot be read (half-written, corrupt) falls back to an older one.
      if (cp !== undefined && e instanceof InvalidLogError) {
        lastError = e
        continue
      }
      throw lastError instanceof InvalidLogError && cp === undefined ? lastError : e
    }
    if (cp !== undefined && hint !== undefined && cp.version === hint.version) hintStatus = 'used'
    return snapshotFromState(store, version, cp?.version, state, hintStatus)
  }
  throw lastError
}

async function replay(
  store: ObjectStore,
  log: LogStore,
  listing: LogListing,
  cp: CheckpointRef | undefined,
  version: number,
  sql: SqlExecutor | undefined,
): Promise<ReplayState> {
  const commits = commitRange(listing, cp?.version, version, store.root)
  const state = new ReplayState()
  if (cp !== undefined) state.apply(await readCheckpoint(store, cp, sql))
  const bodies = await mapLimit(commits, 64, (v) => log.readCommit(v))
  commits.forEach((v, i) => state.apply(bodies[i] ?? [], v))
  return state
}
