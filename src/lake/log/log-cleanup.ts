/**
 * @module lake/log/log-cleanup
 * Metadata cleanup (PROTOCOL.md "Metadata Cleanup"; PROTOCOL-NOTES §1.8), run after a checkpoint:
 * commits, checkpoints, CRC files and log compaction files (by their end version) older than
 * `delta.logRetentionDuration` (30 days) are deleted when they lie before the newest checkpoint
 * that is itself older than the cutoff — that
 * checkpoint stays, so the table always opens. Temp files of crashed writers (`….tmp`)
 * older than an hour go too. Disabled by `delta.enableExpiredLogCleanup=false`.
 */
import type { ObjectMeta, ObjectStore } from '../store/object-store.js'
import { classifyLogFile, LOG_DIR, type LogFile } from './log-files.js'
import { LogStore } from './log-store.js'
import { retentionMs } from './retention.js'

/** Options of {@link cleanupExpiredLogs}. */
export interface LogCleanupOptions {
  /** The table configuration (retention and enablement properties). */
  readonly configuration: Readonly<Record<string, string>>
  /** Current time (tests). */
  readonly now?: number
}

const STALE_TEMP_MS = 3_600_000

/** Deletes expired log files; returns the paths deleted. */
export async function cleanupExpiredLogs(
  store: ObjectStore,
  options: LogCleanupOptions,
): Promise<string[]> {
  if (options.configuration['delta.enableExpiredLogCleanup'] === 'false') return []
  const now = options.now ?? Date.now()
  const cutoff = now - retentionMs(options.configuration['delta.logRetentionDuration'], 30 * 24)
  // Names only (one readdir on local disk); a modification time is asked for only where it
  // decides something — a log of thousands of commits must not cost a stat per file per cleanup.
  const metas = await new LogStore(store).listFiles()
  const modified = async (meta: ObjectMeta): Promise<number> =>
    Number.isFinite(meta.modified)
      ? meta.modified
      : ((await store.head(meta.path))?.modified ?? Number.POSITIVE_INFINITY)
  const files = metas.map((m) => ({ meta: m, file: classifyLogFile(m) }))
  const keepFrom = await newestExpiredCheckpoint(files, modified, cutoff)
  const deleted: string[] = []
  for (const { meta, file } of files) {
    const name = meta.path.slice(LOG_DIR.length + 1)
    // A compacted file covers versions up to its end version: it expires with the last of them.
    const lastVersion = file?.kind === 'compacted' ? file.endVersion : file?.version
    const candidate =
      file === undefined
        ? name.endsWith('.tmp')
        : lastVersion !== undefined && lastVersion < keepFrom
    if (!candidate) continue
    const time = await modified(meta)
    const expired = file === undefined ? time < now - STALE_TEMP_MS : time <= cutoff
    if (expired) {
      await store.delete(meta.path)
      deleted.push(meta.path)
    }
  }
  return deleted
}

/**
 * The version of the newest classic checkpoint older than `cutoff` (-1 when none): a binary
 * search over the checkpoints by version, as their modification times grow with it — a few
 * stats, not one per checkpoint. Where times are out of order it may pick an older checkpoint,
 * which only deletes less.
 */
async function newestExpiredCheckpoint(
  files: readonly { readonly meta: ObjectMeta; readonly file: LogFile | undefined }[],
  modified: (meta: ObjectMeta) => Promise<number>,
  cutoff: number,
): Promise<number> {
  const checkpoints = files
    .flatMap(({ meta, file }) =>
      file?.kind === 'checkpoint' && file.format === 'classic'
        ? [{ meta, version: file.version }]
        : [],
    )
    .sort((a, b) => a.version - b.version)
  let lo = 0
  let hi = checkpoints.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const c = checkpoints[mid] as (typeof checkpoints)[number]
    if ((await modified(c.meta)) <= cutoff) {
      found = c.version
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}
