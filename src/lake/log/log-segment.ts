/**
 * @module lake/log/log-segment
 * The files needed to rebuild version `v` (PROTOCOL.md "Action Reconciliation"; PROTOCOL-NOTES
 * §1.7): the newest *complete* checkpoint ≤ v, then the contiguous JSON commits after it. Several
 * candidate checkpoints are returned, newest first, so a caller can fall back when one is
 * unreadable.
 */
import { InvalidLogError } from '../lake-errors.js'
import type { ObjectMeta } from '../store/object-store.js'
import type { LogFile } from './log-files.js'
import type { LastCheckpoint, LogListing } from './log-store.js'

/** A complete checkpoint: all its files. */
export interface CheckpointRef {
  readonly version: number
  readonly format: 'classic' | 'multi-part' | 'uuid'
  readonly fileType: 'parquet' | 'json'
  readonly files: readonly ObjectMeta[]
}

/** The complete checkpoints of a listing with version ≤ `maxVersion`, newest first. */
export function completeCheckpoints(listing: LogListing, maxVersion: number): CheckpointRef[] {
  const groups = new Map<string, Extract<LogFile, { kind: 'checkpoint' }>[]>()
  for (const c of listing.checkpoints) {
    if (c.version > maxVersion) continue
    const key =
      c.format === 'multi-part'
        ? `${c.version}:mp:${c.parts}`
        : `${c.version}:${c.format}:${c.meta.path}`
    const list = groups.get(key) ?? []
    list.push(c)
    groups.set(key, list)
  }
  const out: CheckpointRef[] = []
  for (const list of groups.values()) {
    const first = list[0]
    if (first === undefined) continue
    if (first.format === 'multi-part') {
      const parts = new Set(list.map((c) => c.part))
      let complete = true
      for (let p = 1; p <= first.parts; p++) if (!parts.has(p)) complete = false
      if (!complete) continue
    }
    out.push({
      version: first.version,
      format: first.format,
      fileType: first.fileType,
      files: [...list].sort((a, b) => a.part - b.part).map((c) => c.meta),
    })
  }
  // Newest first; at one version prefer classic/multi-part (no sidecar round trip) over uuid.
  const rank = { classic: 0, 'multi-part': 1, uuid: 2 } as const
  return out.sort((a, b) => b.version - a.version || rank[a.format] - rank[b.format])
}

/**
 * Orders checkpoint candidates so that a valid `_last_checkpoint` hint naming a complete
 * checkpoint comes first among equals; the listing stays authoritative (a stale hint pointing at
 * an older checkpoint never hides a newer one).
 */
export function preferHint(
  candidates: CheckpointRef[],
  hint: LastCheckpoint | undefined,
): CheckpointRef[] {
  if (hint === undefined) return candidates
  const matching = candidates.filter(
    (c) =>
      c.version === hint.version && (hint.parts === undefined || c.files.length === hint.parts),
  )
  if (matching.length === 0) return candidates
  return [...matching, ...candidates.filter((c) => !matching.includes(c))].sort(
    (a, b) => b.version - a.version,
  )
}

/**
 * The commit versions to replay after `checkpoint` (or from 0) up to `version`.
 * @throws InvalidLogError when a commit in that range is missing.
 */
export function commitRange(
  listing: LogListing,
  checkpointVersion: number | undefined,
  version: number,
  table: string,
): number[] {
  const start = checkpointVersion === undefined ? 0 : checkpointVersion + 1
  const out: number[] = []
  for (let v = start; v <= version; v++) {
    if (!listing.commits.has(v)) {
      const earliest = Math.min(...listing.commits.keys())
      const why =
        checkpointVersion === undefined && v < earliest
          ? `the log before version ${earliest} was cleaned up and no checkpoint at or before ${version} exists`
          : `commit ${v} is missing (the log must be contiguous after ${checkpointVersion === undefined ? 'version 0' : `checkpoint ${checkpointVersion}`})`
      throw new InvalidLogError(`cannot rebuild version ${version} of ${table}: ${why}`, {
        context: { table, version, missing: v },
        hint: 'time travel to a version at or after the newest checkpoint, or restore the missing log file',
      })
    }
    out.push(v)
  }
  return out
}
