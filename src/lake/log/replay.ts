/**
 * @module lake/log/replay
 * Action reconciliation (PROTOCOL.md "Action Reconciliation"): fold a checkpoint and the JSON
 * commits after it into table state. Latest `protocol`/`metaData` win; files are keyed by
 * (normalised path, deletion vector id) and the newest reference wins; `txn` keeps the latest
 * version per app; `domainMetadata` keeps the latest per domain, `removed` deletes it.
 */
import type {
  Action,
  AddAction,
  CommitInfoAction,
  DomainMetadataAction,
  MetadataAction,
  ProtocolAction,
  RemoveAction,
  TxnAction,
} from '../protocol/actions.js'
import { dvUniqueId } from '../protocol/parse-actions.js'
import { fileKey } from '../protocol/paths.js'

/** Mutable state while replaying; frozen into a snapshot afterwards. */
export class ReplayState {
  protocol: ProtocolAction | undefined
  metadata: MetadataAction | undefined
  readonly files = new Map<string, AddAction>()
  readonly tombstones = new Map<string, RemoveAction>()
  readonly txns = new Map<string, TxnAction>()
  readonly domains = new Map<string, DomainMetadataAction>()
  /** commitInfo of each replayed JSON commit. */
  readonly commitInfos = new Map<number, CommitInfoAction>()

  /** Applies actions in log order (a checkpoint first, then commits oldest → newest). */
  apply(actions: readonly Action[], version?: number): void {
    for (const a of actions) {
      if ('add' in a) {
        const key = fileKey(a.add.path, dvUniqueId(a.add.deletionVector))
        this.files.set(key, a.add)
        this.tombstones.delete(key)
      } else if ('remove' in a) {
        const key = fileKey(a.remove.path, dvUniqueId(a.remove.deletionVector))
        this.files.delete(key)
        this.tombstones.set(key, a.remove)
      } else if ('protocol' in a) this.protocol = a.protocol
      else if ('metaData' in a) this.metadata = a.metaData
      else if ('txn' in a) this.txns.set(a.txn.appId, a.txn)
      else if ('domainMetadata' in a) {
        if (a.domainMetadata.removed) this.domains.delete(a.domainMetadata.domain)
        else this.domains.set(a.domainMetadata.domain, a.domainMetadata)
      } else if ('commitInfo' in a && version !== undefined)
        this.commitInfos.set(version, a.commitInfo)
    }
  }
}
