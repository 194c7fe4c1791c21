/**
 * @module catalog/system-table-cache
 * Keeps a value derived from system tables (grants, the directory, tokens) in a long-running
 * process and reloads it when one of the tables gets a new version: `pitwall grant` or `tokens
 * revoke` in another process applies within `ttlMs` without re-reading unchanged tables. Version
 * checks list the `_delta_log/` only.
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

  /** The current value (checking the table versions at most once per `ttlMs`). */
  get(): Promise<T> {
    if (this.value !== undefined && performance.now() - this.checkedAt < this.ttlMs) {
      return Promise.resolve(this.value.data)
    }
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
