/**
 * @module lake/read/scan-plan
 * Which files a scan reads: the snapshot's live files, minus those a filter proves empty by
 * partition values or min/max stats. Files are handed to DuckDB by explicit path — the table
 * directory is never globbed (uncommitted and removed files live there too).
 */
import type { AddAction } from '../protocol/actions.js'
import { isAbsolutePath, normalizePath } from '../protocol/paths.js'
import { DeltaError } from '../lake-errors.js'
import type { Snapshot } from '../snapshot.js'
import { mayMatch, type FilterContext, type ScanFilter } from './scan-filter.js'

/** One file to scan. */
export interface ScanFile {
  readonly add: AddAction
  /** Path as DuckDB reads it (absolute local path). */
  readonly location: string
}

/** The files of a scan, after pruning. */
export interface ScanPlan {
  readonly files: readonly ScanFile[]
  /** Live files before pruning. */
  readonly totalFiles: number
  /** Files pruned by partition values or stats. */
  readonly prunedFiles: number
}

/** The filter context of a snapshot. */
export function filterContext(snapshot: Snapshot): FilterContext {
  return {
    schema: snapshot.schema,
    partitionColumns: snapshot.partitionColumns,
    mode: snapshot.columnMapping,
  }
}

/** Where DuckDB finds a file of the table (`add.path` decoded once; relative to the root). */
export function fileLocation(snapshot: Snapshot, path: string): string {
  const p = normalizePath(path)
  if (isAbsolutePath(p)) return p
  const local = snapshot.store.localPath?.(p)
  if (local === undefined) {
    throw new DeltaError(
      'not-local',
      `table ${snapshot.store.root} is not on local disk; DuckDB cannot scan it`,
    )
  }
  return local
}

/** Plans a scan of `snapshot`, pruning with `filter` when given. */
export function planScan(snapshot: Snapshot, filter?: ScanFilter): ScanPlan {
  const ctx = filterContext(snapshot)
  const files: ScanFile[] = []
  let pruned = 0
  for (const add of snapshot.files.values()) {
    if (filter !== undefined && !mayMatch(add, filter, ctx)) {
      pruned++
      continue
    }
    files.push({ add, location: fileLocation(snapshot, add.path) })
  }
  files.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : 0))
  return { files, totalFiles: snapshot.files.size, prunedFiles: pruned }
}
