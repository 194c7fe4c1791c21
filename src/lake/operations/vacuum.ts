/**
 * @module lake/operations/vacuum
 * VACUUM (PROTOCOL-NOTES §1.14; Spark `VacuumCommand`, delta-rs `operations/vacuum.rs`): deletes
 * data files no version within the retention needs.
 *
 * - Retention: `delta.deletedFileRetentionDuration` (default 7 days); a shorter one is refused
 *   unless `enforceRetention: false` ("vacuum retention must be at least 168 hours …, got 167
 *   hours"; code `vacuum-retention-too-short`, a usage error: the CLI exits 2).
 * - Deleted: files of tombstones older than the cutoff, and (mode `full`, the default) any other
 *   file not referenced by a live `add` (or its deletion vector) whose modification time is older
 *   than the cutoff — e.g. the leftovers of a writer that died before committing.
 * - Logged as two commitInfo-only commits, `VACUUM START` and `VACUUM END` (not for dry runs).
 * - Never touched: `_delta_log/`, and hidden paths (a segment starting with `.`, or with `_` that is
 *   not a `col=value` partition folder) except `_change_data/`.
 */
import type { AddAction, RemoveAction } from '../protocol/actions.js'
import { isAbsolutePath, normalizePath } from '../protocol/paths.js'
import { DeltaError } from '../lake-errors.js'
import { dvRelativePath } from '../read/deletion-vectors.js'
import { hasFeature } from '../protocol/table-features.js'
import { loadSnapshot } from '../snapshot-load.js'
import { parseIntervalHours } from '../log/retention.js'
import { checkWritable } from './writer-protocol.js'
import type { OperationResult, TableTarget } from './transaction.js'
import { commit } from '../log/commit.js'

/** Options of {@link vacuumTable}. */
export interface VacuumOptions extends TableTarget {
  /** Retention in hours (default: the table's `delta.deletedFileRetentionDuration`, else 168). */
  readonly retentionHours?: number
  /** Refuse a retention shorter than the table's (default true). */
  readonly enforceRetention?: boolean
  /** List what would be deleted without deleting. */
  readonly dryRun?: boolean
  /** `full` (default) also deletes untracked files; `lite` only expired tombstones. */
  readonly mode?: 'full' | 'lite'
  /** The current time (tests). */
  readonly now?: number
}

/** Metrics of a vacuum. */
export interface VacuumMetrics {
  readonly dryRun: boolean
  readonly retentionHours: number
  /** Paths relative to the table root, sorted. */
  readonly filesDeleted: readonly string[]
  readonly numFilesDeleted: number
  readonly bytesDeleted: number
}

/** The configured minimum retention of a table, in hours. */
export function configuredRetentionHours(configuration: Readonly<Record<string, string>>): number {
  const v = configuration['delta.deletedFileRetentionDuration']
  return v === undefined ? 168 : parseIntervalHours(v)
}

function isHidden(path: string): boolean {
  const segments = path.split('/')
  return segments.some((seg, i) => {
    if (i === 0 && seg === '_change_data') return false
    if (seg.startsWith('.')) return true
    return seg.startsWith('_') && !seg.includes('=')
  })
}

function relative(root: string, path: string): string {
  const p = normalizePath(path)
  if (!isAbsolutePath(p)) return p
  const prefix = root.endsWith('/') ? root : `${root}/`
  return p.startsWith(prefix) ? p.slice(prefix.length) : p
}

function referencedPaths(root: string, action: AddAction | RemoveAction): string[] {
  const out = [relative(root, action.path)]
  const dv = action.deletionVector
  if (dv !== null && dv !== undefined && dv.storageType === 'u')
    out.push(dvRelativePath(dv.pathOrInlineDv))
  return out
}

function writable(...args: Parameters<typeof checkWritable>): boolean {
  try {
    checkWritable(...args)
    return true
  } catch {
    return false // a table pitwall may not write is vacuumed without history entries
  }
}

async function logVacuum(
  target: TableTarget,
  readVersion: number,
  operation: string,
  info: { operationParameters: Record<string, unknown>; operationMetrics: Record<string, number> },
): Promise<number> {
  const r = await commit({ store: target.store, readVersion, actions: [], operation, ...info })
  return r.version
}

/** Deletes (or lists, with `dryRun`) the files no longer needed. */
export async function vacuumTable(options: VacuumOptions): Promise<OperationResult<VacuumMetrics>> {
  const snapshot = await loadSnapshot(options.store, { sql: options.executor })
  if (hasFeature(snapshot.protocol, 'vacuumProtocolCheck')) {
    checkWritable(snapshot.protocol, snapshot.metadata, options.store.root)
  }
  const configured = configuredRetentionHours(snapshot.configuration)
  const retentionHours = options.retentionHours ?? configured
  if (!(retentionHours >= 0))
    throw new DeltaError('vacuum-retention', `retention must be ≥ 0 hours (got ${retentionHours})`)
  if ((options.enforceRetention ?? true) && retentionHours < configured) {
    throw new DeltaError(
      'vacuum-retention-too-short',
      `vacuum retention must be at least ${configured} hours (the table's delta.deletedFileRetentionDuration; 7 days unless set), got ${retentionHours} hours`,
      {
        hint: 'a shorter retention can delete files that running readers or time travel still need; pass --force (enforceRetention: false) only if nothing reads older versions',
        context: { table: options.store.root, configured, retentionHours },
      },
    )
  }
  const now = options.now ?? Date.now()
  const cutoff = now - retentionHours * 3_600_000
  const root = options.store.root
  const keep = new Set<string>()
  for (const add of snapshot.files.values()) for (const p of referencedPaths(root, add)) keep.add(p)
  const expired = new Set<string>()
  for (const r of snapshot.tombstones.values()) {
    const paths = referencedPaths(root, r)
    if ((r.deletionTimestamp ?? 0) > cutoff) for (const p of paths) keep.add(p)
    else for (const p of paths) expired.add(p)
  }
  const mode = options.mode ?? 'full'
  const victims: { path: string; size: number }[] = []
  if (mode === 'lite') {
    for (const p of expired) {
      if (keep.has(p)) continue
      const meta = await options.store.head(p)
      if (meta !== undefined) victims.push({ path: p, size: meta.size })
    }
  } else {
    for (const obj of await options.store.list('')) {
      if (obj.path.startsWith('_delta_log/') || isHidden(obj.path) || keep.has(obj.path)) continue
      if (expired.has(obj.path) || obj.modified < cutoff)
        victims.push({ path: obj.path, size: obj.size })
    }
  }
  victims.sort((a, b) => (a.path < b.path ? -1 : 1))
  let version = snapshot.version
  if (options.dryRun !== true) {
    const bytes = victims.reduce((n, v) => n + v.size, 0)
    const logged = writable(snapshot.protocol, snapshot.metadata, options.store.root)
    // As Spark and delta-rs: commitInfo-only commits around the deletion, so history shows it.
    if (logged) {
      version = await logVacuum(options, version, 'VACUUM START', {
        operationParameters: {
          retentionCheckEnabled: options.enforceRetention ?? true,
          defaultRetentionMillis: configured * 3_600_000,
          specifiedRetentionMillis: retentionHours * 3_600_000,
        },
        operationMetrics: { numFilesToDelete: victims.length, sizeOfDataToDelete: bytes },
      })
    }
    for (const v of victims) await options.store.delete(v.path)
    if (logged) {
      version = await logVacuum(options, version, 'VACUUM END', {
        operationParameters: { status: 'COMPLETED' },
        operationMetrics: { numDeletedFiles: victims.length, numVacuumedDirectories: 0 },
      })
    }
  }
  return {
    version,
    metrics: {
      dryRun: options.dryRun === true,
      retentionHours,
      filesDeleted: victims.map((v) => v.path),
      numFilesDeleted: victims.length,
      bytesDeleted: victims.reduce((n, v) => n + v.size, 0),
    },
  }
}
