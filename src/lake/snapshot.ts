/**
 * @module lake/snapshot
 * A table at one version (immutable), and how a replayed state becomes one (protocol check,
 * format check). Loading it from the log — newest usable checkpoint plus the JSON commits after
 * it, time travel by version or timestamp — is `snapshot-load.ts`.
 */
import type {
  Action,
  AddAction,
  DomainMetadataAction,
  MetadataAction,
  ProtocolAction,
  RemoveAction,
  TxnAction,
} from './protocol/actions.js'
import {
  columnMappingMode,
  parseSchema,
  type ColumnMappingMode,
  type StructType,
} from './protocol/schema.js'
import { checkReadSupported } from './protocol/table-features.js'
import { parseIntervalMs } from './protocol/intervals.js'
import { InvalidLogError, UnsupportedFeatureError } from './lake-errors.js'
import type { ObjectStore } from './store/object-store.js'
import { LogStore } from './log/log-store.js'
import { ReplayState } from './log/replay.js'
import { commitTimestamps, ictEnablementVersion, readIct } from './log/commit-timestamps.js'

/** What happened to `_last_checkpoint` while loading. */
export type HintStatus = 'used' | 'ignored' | 'absent'

/** A table at one version. Immutable. */
export class Snapshot {
  /** Column mapping mode of this version. */
  readonly columnMapping: ColumnMappingMode
  /** Parsed table schema. */
  readonly schema: StructType

  constructor(
    /** The table's store (rooted at the table). */
    readonly store: ObjectStore,
    readonly version: number,
    readonly protocol: ProtocolAction,
    readonly metadata: MetadataAction,
    /** Live files keyed by normalised path (+ `#` + DV unique id when the file has a DV). */
    readonly files: ReadonlyMap<string, AddAction>,
    /** Tombstones (removes still in the log), same keys as {@link files}. */
    readonly tombstones: ReadonlyMap<string, RemoveAction>,
    /** Latest `txn` per application id. */
    readonly txnActions: ReadonlyMap<string, TxnAction>,
    /** Live domain metadata by domain. */
    readonly domainMetadata: ReadonlyMap<string, DomainMetadataAction>,
    /** The checkpoint the replay started from, if any. */
    readonly checkpointVersion: number | undefined,
    /** Whether `_last_checkpoint` was used, ignored (corrupt/stale/unusable) or absent. */
    readonly lastCheckpointHint: HintStatus,
    private readonly ictKnown: ReadonlyMap<number, number>,
  ) {
    this.schema = parseSchema(metadata.schemaString)
    this.columnMapping = columnMappingMode(metadata.configuration)
  }

  /** Partition columns (logical names), in table order. */
  get partitionColumns(): readonly string[] {
    return this.metadata.partitionColumns
  }

  /** Table properties. */
  get configuration(): Readonly<Record<string, string>> {
    return this.metadata.configuration
  }

  /**
   * Latest `txn` version per application id (idempotent writes). With
   * `delta.setTransactionRetentionDuration`, transactions whose `lastUpdated` is older than the
   * retention (from now) are expired, as Spark and kernel-rs do; those without `lastUpdated` stay.
   */
  get txns(): ReadonlyMap<string, number> {
    return this.txnsAt(Date.now())
  }

  /** {@link txns} with expiry measured from `now` (epoch ms). */
  txnsAt(now: number): ReadonlyMap<string, number> {
    const retention = parseIntervalMs(this.configuration['delta.setTransactionRetentionDuration'])
    const out = new Map<string, number>()
    for (const [appId, t] of this.txnActions) {
      const expired =
        retention !== undefined &&
        typeof t.lastUpdated === 'number' &&
        t.lastUpdated < now - retention
      if (!expired) out.set(appId, t.version)
    }
    return out
  }

  /** Live `add` actions. */
  get addActions(): AddAction[] {
    return [...this.files.values()]
  }

  /** The same snapshot read through another store of the same table (a writer's own store). */
  withStore(store: ObjectStore): Snapshot {
    if (store === this.store) return this
    return new Snapshot(
      store,
      this.version,
      this.protocol,
      this.metadata,
      this.files,
      this.tombstones,
      this.txnActions,
      this.domainMetadata,
      this.checkpointVersion,
      this.lastCheckpointHint,
      this.ictKnown,
    )
  }

  /**
   * The snapshot after the JSON commits that follow this one (versions `version + 1 …`, in
   * order): the same reconciliation as a replay, starting from this state instead of a
   * checkpoint. This snapshot is not changed.
   * @throws InvalidLogError when `commits` do not follow on, or leave no protocol/metadata.
   */
  advance(
    commits: readonly { readonly version: number; readonly actions: readonly Action[] }[],
  ): Snapshot {
    if (commits.length === 0) return this
    const state = new ReplayState()
    state.protocol = this.protocol
    state.metadata = this.metadata
    for (const [k, v] of this.files) state.files.set(k, v)
    for (const [k, v] of this.tombstones) state.tombstones.set(k, v)
    for (const [k, v] of this.txnActions) state.txns.set(k, v)
    for (const [k, v] of this.domainMetadata) state.domains.set(k, v)
    let version = this.version
    for (const c of commits) {
      if (c.version !== version + 1) {
        throw new InvalidLogError(
          `commit ${c.version} does not follow version ${version} of ${this.store.root}`,
        )
      }
      state.apply(c.actions, c.version)
      version = c.version
    }
    const ict = new Map(this.ictKnown)
    return snapshotFromState(
      this.store,
      version,
      this.checkpointVersion,
      state,
      this.lastCheckpointHint,
      ict,
    )
  }

  /**
   * The commit timestamp (epoch ms) of `version`: its in-commit timestamp when enabled, else the
   * monotonised modification time of its commit file.
   * @throws InvalidLogError when the commit file is gone.
   */
  async commitTimestamp(version: number): Promise<number> {
    const known = this.ictKnown.get(version)
    if (known !== undefined) return known
    const ictFrom = ictEnablementVersion(this.configuration)
    if (ictFrom !== undefined && version >= ictFrom) {
      const ict = await readIct(new LogStore(this.store), version)
      if (ict !== undefined) return ict
    }
    const log = new LogStore(this.store)
    const all = await commitTimestamps(log, await log.listLog({ times: true }), undefined)
    const ts = all.get(version)
    if (ts === undefined) {
      throw new InvalidLogError(`no commit file for version ${version} of ${this.store.root}`, {
        context: { table: this.store.root, version },
      })
    }
    return ts
  }
}

/** Freezes a replayed state at `version` into a {@link Snapshot} (checks protocol and format). */
export function snapshotFromState(
  store: ObjectStore,
  version: number,
  checkpointVersion: number | undefined,
  state: ReplayState,
  hint: HintStatus,
  ict: Map<number, number> = new Map(),
): Snapshot {
  const where = `${store.root} at version ${version}`
  if (state.protocol === undefined) {
    throw new InvalidLogError(`no protocol action found in the log of ${where}`, {
      context: { table: store.root, version },
    })
  }
  checkReadSupported(state.protocol, store.root)
  if (state.metadata === undefined) {
    throw new InvalidLogError(`no metaData action found in the log of ${where}`, {
      context: { table: store.root, version },
    })
  }
  const provider = state.metadata.format?.provider ?? 'parquet'
  if (provider !== 'parquet') {
    throw new UnsupportedFeatureError(
      `table ${store.root} stores '${provider}' files; only parquet is read`,
    )
  }
  for (const [v, info] of state.commitInfos) {
    if (typeof info.inCommitTimestamp === 'number') ict.set(v, info.inCommitTimestamp)
  }
  return new Snapshot(
    store,
    version,
    state.protocol,
    state.metadata,
    state.files,
    state.tombstones,
    state.txns,
    state.domains,
    checkpointVersion,
    hint,
    ict,
  )
}
