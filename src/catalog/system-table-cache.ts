/**
 * @module catalog/system-table-cache
 * Keeps a value derived from system tables (grants, the directory, tokens) in a long-running
 * process and reloads it when one of the tables gets a new version: `pitwall grant` or `tokens
 * revoke` in another process applies within about `ttlMs` without re-reading unchanged tables.
 * Version checks list the `_delta_log/` only, in the background.
 */
import { systemTableVersion, type CatalogStorage } from './system-tables.js'

/** A value loaded from system tables, reloaded when their versions change. */
export class SystemTableCache<T> {
  private value: { key: string; data: T } | undefined
  private checkedAt = -Infinity
  private pending: Promise<T> | undefined

  /**
   * @param tables the system tables the value is derived from
   * @param load builds the value from the tables
   * @param ttlMs how long a value is served without checking the versions again
   */
  constructor(
    private readonly storage: CatalogStorage,
    private readonly catalog: string,
    private readonly tables: readonly string[],
    private readonly load: () => Promise<T>,
    private readonly ttlMs = 1000,
  ) {}

  /**
   * The current value. Once loaded it is answered at once; when older than `ttlMs` a version
   * check starts in the background (one at a time) and the next callers get what it finds. Reads
   * never wait on the file system, which a busy engine can hold up (DuckDB and `fs` share Node's
   * thread pool).
   */
  get(): Promise<T> {
    if (this.value !== undefined) {
      if (performance.now() - this.checkedAt >= this.ttlMs) void this.check().catch(() => undefined)
      return Promise.resolve(this.value.data)
    }
    return this.check()
  }

  private check(): Promise<T> {
    // One check at a time: concurrent callers share it.
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined
    })
    return this.pending
  }

  /** Forgets the value (after this process changed the tables). */
  invalidate(): void {
    this.value = undefined
  }

  private async refresh(): Promise<T> {
    const versions = await Promise.all(
      this.tables.map((t) => systemTableVersion(this.storage, this.catalog, t)),
    )
    const key = versions.join(',')
    if (this.value?.key !== key) this.value = { key, data: await this.load() }
    this.checkedAt = performance.now()
    return this.value.data
  }
}
