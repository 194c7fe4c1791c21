/**
 * @module lake/store/prefetch
 * Readers call {@link prefetchFiles} before DuckDB opens a table's files: on stores whose local
 * paths are a cache of remote objects (S3, see `s3-object-store.ts`) it downloads the files not
 * cached yet; on local disk and in memory it does nothing.
 */
import { isAbsolutePath, normalizePath } from '../protocol/paths.js'
import type { ObjectStore } from './object-store.js'

/** Makes the files at `paths` (`add.path`s as in the log) readable at their local paths. */
export async function prefetchFiles(store: ObjectStore, paths: readonly string[]): Promise<void> {
  if (store.prefetch === undefined || paths.length === 0) return
  const relative = paths.map(normalizePath).filter((p) => !isAbsolutePath(p))
  await store.prefetch(relative)
}
