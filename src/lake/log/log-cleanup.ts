/**
 * @module lake/log/log-cleanup
 * Metadata cleanup (PROTOCOL.md "Metadata Cleanup"; PROTOCOL-NOTES §1.8), run after a checkpoint:
 * commits, checkpoints, CRC files and log compaction files (by their end version) older than
 * `delta.logRetentionDuration` (30 days) are deleted when they lie before the newest checkpoint
 * that is itself older than the cutoff — that
 * checkpoint stays, so the table always opens. Temp files of crashed writers (`….tmp`)
 * older than an hour go too. Disabled by `delta.enableExpiredLogCleanup=false`.
 */
import type { ObjectStore } from '../store/object-store.js'
import { classifyLogFile, LOG_DIR } from './log-files.js'
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
  const metas = await store.list(LOG_DIR)
  const files = metas.map((m) => ({ meta: m, file: classifyLogFile(m) }))
  let keepFrom = -1
  for (const { meta, file } of files) {
    if (file?.kind === 'checkpoint' && file.format === 'classic' && meta.modified <= cutoff) {
      keepFrom = Math.max(keepFrom, file.version)
    }
  }
  const deleted: string[] = []
  for (const { meta, file } of files) {
    const name = meta.path.slice(LOG_DIR.length + 1)
    const staleTemp =
      file === undefined && name.endsWith('.tmp') && meta.modified < now - STALE_TEMP_MS
    // A compacted file covers versions up to its end version: it expires with the last of them.
    const lastVersion = file?.kind === 'compacted' ? file.endVersion : file?.version
    const expired =
      file !== undefined &&
      lastVersion !== undefined &&
      lastVersion < keepFrom &&
      meta.modified <= cutoff
    if (staleTemp || expired) {
      await store.delete(meta.path)
      deleted.push(meta.path)
    }
  }
  return deleted
}
