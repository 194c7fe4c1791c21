/**
 * @module engine/duckdb/delta-views
 * Makes Delta tables queryable by their three-level names: each catalog (environment) is an
 * attached in-memory DuckDB database, each schema a DuckDB schema, each table a view over the
 * lake's scan SQL for its current snapshot. {@link DeltaViews.sync} replaces a view only when its
 * table's latest version changed (one `_delta_log/` listing per table), so a long-running process
 * sees other processes' commits without re-reading unchanged logs.
 */
import { sqlIdent } from '../../core/index.js'
import {
  LogStore,
  NotADeltaTableError,
  loadSnapshot,
  scanSql,
  type ObjectStoreFactory,
} from '../../lake/index.js'
import type { Engine } from '../engine.js'

/** A Delta table to expose. */
export interface DeltaViewTable {
  readonly catalog: string
  readonly schema: string
  readonly table: string
  /** Absolute path of the table root. */
  readonly path: string
}

/** What one sync changed. */
export interface SyncResult {
  /** Views created or replaced (`catalog.schema.table@version`). */
  readonly refreshed: readonly string[]
  /** Views dropped because their table disappeared. */
  readonly dropped: readonly string[]
  /**
   * Tables that could not be read (a corrupt log, an unsupported feature): their views stay as
   * they were (or absent), and every other table still syncs.
   */
  readonly failed: readonly { readonly table: string; readonly message: string }[]
}

function key(t: { catalog: string; schema: string; table: string }): string {
  return `${t.catalog}.${t.schema}.${t.table}`
}

function qualified(t: { catalog: string; schema: string; table: string }): string {
  return `${sqlIdent(t.catalog)}.${sqlIdent(t.schema)}.${sqlIdent(t.table)}`
}

/** The views of one engine. Not re-entrant: callers serialise `sync` (see {@link LakehouseEngine}). */
export class DeltaViews {
  private readonly versions = new Map<string, { version: number; table: DeltaViewTable }>()
  private readonly schemas = new Set<string>()

  /**
   * @param engine where the views are created
   * @param storeFor the object store of a table's location (the composition root's factory)
   */
  constructor(
    private readonly engine: Engine,
    private readonly storeFor: ObjectStoreFactory,
  ) {}

  /** Attaches `catalogs` with `schemas` (idempotent), so empty environments resolve too. */
  async ensureCatalogs(catalogs: readonly string[], schemas: readonly string[]): Promise<void> {
    for (const catalog of catalogs) {
      for (const schema of schemas) await this.ensureSchema(catalog, schema)
    }
  }

  /** Brings the views in line with `tables`: new and changed tables get a fresh view. */
  async sync(tables: readonly DeltaViewTable[]): Promise<SyncResult> {
    const refreshed: string[] = []
    const dropped: string[] = []
    const failed: { table: string; message: string }[] = []
    const seen = new Set<string>()
    for (const t of tables) {
      const k = key(t)
      seen.add(k)
      const store = this.storeFor(t.path)
      let latest: number
      try {
        latest = (await new LogStore(store).listLog()).latest
      } catch (error) {
        // A table being created by another process has no commit yet: not visible until it has.
        if (error instanceof NotADeltaTableError) continue
        throw error
      }
      if (this.versions.get(k)?.version === latest) continue
      try {
        const snapshot = await loadSnapshot(store, { sql: this.engine, version: latest })
        await this.ensureSchema(t.catalog, t.schema)
        const sql = await scanSql(snapshot, { sql: this.engine })
        await this.engine.run(`CREATE OR REPLACE VIEW ${qualified(t)} AS ${sql}`)
        this.versions.set(k, { version: latest, table: t })
        refreshed.push(`${k}@${latest}`)
      } catch (error) {
        failed.push({ table: k, message: error instanceof Error ? error.message : String(error) })
      }
    }
    for (const [k, { table }] of this.versions) {
      if (seen.has(k)) continue
      await this.engine.run(`DROP VIEW IF EXISTS ${qualified(table)}`)
      this.versions.delete(k)
      dropped.push(k)
    }
    return { refreshed, dropped, failed }
  }

  /** The version each view shows (`catalog.schema.table` → version). */
  shownVersions(): ReadonlyMap<string, number> {
    return new Map([...this.versions].map(([k, v]) => [k, v.version]))
  }

  /**
   * The version the view of `catalog.schema.table` shows, or `undefined` when there is no view.
   * Set only after the view was replaced, so a reader that sees version N reads at least N.
   */
  versionOf(table: string): number | undefined {
    return this.versions.get(table)?.version
  }

  private async ensureSchema(catalog: string, schema: string): Promise<void> {
    const k = `${catalog}.${schema}`
    if (this.schemas.has(k)) return
    await this.engine.run(
      `ATTACH IF NOT EXISTS ':memory:' AS ${sqlIdent(catalog)};\nCREATE SCHEMA IF NOT EXISTS ${sqlIdent(catalog)}.${sqlIdent(schema)}`,
    )
    this.schemas.add(k)
  }
}
