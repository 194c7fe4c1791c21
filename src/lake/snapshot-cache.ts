/**
 * @module lake/snapshot-cache
 * The writer's snapshot of each table, kept between commits in one process (issue 16, log
 * growth): opening a table for a write reads only the commits this process has not seen, instead
 * of listing `_delta_log/` and re-reading the last checkpoint and the commits after it. A process
 * appending 1,000 times to a table pays the same for the 1,000th append as for the 10th.
 *
 * A cached snapshot is used only while the commit file of its version is still the one it was
 * built from (same size and modification time): a table that was dropped and recreated, or a
 * commit file that was replaced or truncated, sends the writer back to a full load. Newer commits
 * (by this process or another) are read and applied in order ({@link Snapshot.advance}). Readers
 * (`loadSnapshot`) never use the cache: time travel, history and scans see the log as it is.
 *
 * Stores on local disk are keyed by their folder (callers build a new store per operation);
 * other stores by the store object itself. At most {@link MAX_TABLES} tables are kept.
 */
import { InvalidLogError } from './lake-errors.js'
import { commitPath } from './log/log-files.js'
import { LogStore } from './log/log-store.js'
import type { Action } from './protocol/actions.js'
import type { Snapshot } from './snapshot.js'
import { loadSnapshot } from './snapshot-load.js'
import type { SqlExecutor } from './sql-executor.js'
import type { ObjectStore } from './store/object-store.js'

/** A cached snapshot and the identity of the commit file of its version. */
interface Entry {
  readonly snapshot: Snapshot
  readonly size: number
  readonly modified: number
}

/** Tables kept per process (the least recently used one goes first). */
export const MAX_TABLES = 64

const byFolder = new Map<string, Entry>()
const byStore = new WeakMap<ObjectStore, Entry>()

function folderOf(store: ObjectStore): string | undefined {
  return store.localPath?.('')
}

function lookup(store: ObjectStore): Entry | undefined {
  const folder = folderOf(store)
  if (folder === undefined) return byStore.get(store)
  const entry = byFolder.get(folder)
  if (entry !== undefined) {
    byFolder.delete(folder) // most recently used last
    byFolder.set(folder, entry)
  }
  return entry
}

function forget(store: ObjectStore): void {
  const folder = folderOf(store)
  if (folder === undefined) byStore.delete(store)
  else byFolder.delete(folder)
}

/**
 * Remembers `snapshot` as the latest state of its table (unless a newer one is known) — called
 * after a commit with the snapshot that commit produced.
 */
export async function rememberSnapshot(store: ObjectStore, snapshot: Snapshot): Promise<void> {
  const meta = await store.head(commitPath(snapshot.version))
  if (meta === undefined || !Number.isFinite(meta.modified)) return
  const known = lookup(store)
  if (known !== undefined && known.snapshot.version > snapshot.version) return
  const entry = { snapshot, size: meta.size, modified: meta.modified }
  const folder = folderOf(store)
  if (folder === undefined) {
    byStore.set(store, entry)
    return
  }
  byFolder.delete(folder)
  byFolder.set(folder, entry)
  while (byFolder.size > MAX_TABLES) {
    const oldest = byFolder.keys().next().value
    if (oldest === undefined) break
    byFolder.delete(oldest)
  }
}

/**
 * The latest snapshot of a table for a writer: the cached one brought up to date, or a full load.
 * @throws what `loadSnapshot` throws (NotADeltaTableError, DamagedCommitError, …)
 */
export async function latestSnapshot(
  store: ObjectStore,
  sql: SqlExecutor | undefined,
): Promise<Snapshot> {
  const entry = lookup(store)
  if (entry !== undefined) {
    const current = await store.head(commitPath(entry.snapshot.version))
    if (current?.size === entry.size && current.modified === entry.modified) {
      const commits = await newerCommits(store, entry.snapshot.version)
      // Re-bound to the caller's store: the cached one may belong to an earlier operation.
      const next = entry.snapshot.withStore(store).advance(commits)
      if (commits.length > 0) await rememberSnapshot(store, next)
      return next
    }
    forget(store)
  }
  const snapshot = await loadSnapshot(store, sql === undefined ? {} : { sql })
  await rememberSnapshot(store, snapshot)
  return snapshot
}

/** The commits after `version`, in order, up to the first that does not exist. */
async function newerCommits(
  store: ObjectStore,
  version: number,
): Promise<{ version: number; actions: Action[] }[]> {
  const log = new LogStore(store)
  const out: { version: number; actions: Action[] }[] = []
  for (let v = version + 1; ; v++) {
    try {
      out.push({ version: v, actions: await log.readCommit(v) })
    } catch (error) {
      if (error instanceof InvalidLogError) return out // no commit v: v - 1 is the latest
      throw error
    }
  }
}
