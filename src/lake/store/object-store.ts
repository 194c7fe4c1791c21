/**
 * @module lake/store/object-store
 * The storage port of the Delta layer (as delta-rs's `ObjectStore`). Paths are relative to the
 * store's root and use `/`. The only atomic primitive the log needs is {@link ObjectStore.putIfAbsent}.
 */

/** Metadata of a stored object. */
export interface ObjectMeta {
  /** Path relative to the store root, `/`-separated. */
  readonly path: string
  readonly size: number
  /** Last modification, epoch milliseconds. */
  readonly modified: number
}

/** A minimal object store. Implementations: local filesystem, in-memory, S3. */
export interface ObjectStore {
  /** A human-readable root (a directory path or `memory://…`). */
  readonly root: string
  /** Reads a whole object. Throws `ObjectNotFoundError` when absent. */
  get(path: string): Promise<Uint8Array>
  /** Reads `length` bytes from `offset`. */
  getRange(path: string, offset: number, length: number): Promise<Uint8Array>
  /** Metadata of one object, or `undefined` when absent. */
  head(path: string): Promise<ObjectMeta | undefined>
  /** Writes (replacing) an object; readers never see a partial object. */
  put(path: string, data: Uint8Array): Promise<void>
  /**
   * Writes an object only if none exists at `path`, atomically. Throws
   * `ObjectAlreadyExistsError` when it exists. The commit primitive of the Delta log.
   */
  putIfAbsent(path: string, data: Uint8Array): Promise<void>
  /** Lists objects under `prefix` (recursively), in lexicographic path order. */
  list(prefix: string): Promise<ObjectMeta[]>
  /** Deletes an object; no error when it is already gone. */
  delete(path: string): Promise<void>
  /**
   * Makes objects written behind the store's back (Parquet files DuckDB wrote at
   * {@link localPath}) durable: on local disk, fsync each file and the folders holding them, so
   * a commit never references a file a power loss can take back. Stores whose writes are durable
   * when they return (object stores, memory) leave it out.
   */
  flush?(paths: readonly string[]): Promise<void>
  /** Sets the modification time (tests, RESTORE of timestamps); optional. */
  setModified?(path: string, epochMs: number): Promise<void>
  /**
   * The local filesystem path of an object, when the store is on local disk (DuckDB reads and
   * writes Parquet there directly). `undefined` for stores without local paths.
   */
  localPath?(path: string): string
  /**
   * Present on stores whose {@link localPath} is a cache of remote objects (S3): downloads
   * `paths` (immutable objects: data files, deletion vectors, checkpoints) so DuckDB can read
   * them at their local paths. Readers call it before DuckDB opens files; on such stores the
   * local folder is never listed (the remote listing is the truth), and files DuckDB wrote there
   * reach the store through {@link flush}.
   */
  prefetch?(paths: readonly string[]): Promise<void>
}
