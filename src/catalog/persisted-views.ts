/**
 * @module catalog/persisted-views
 * SQL views of the warehouse (dbt `view` models) live as `<home>/<catalog>/<schema>/_views/
 * <name>.sql` (written by the transformation engine, since DuckDB views are process-local). This
 * recreates them as `catalog.schema.name` in another process, after the Delta views they read,
 * again whenever a file changes.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Engine } from '../engine/index.js'
import { sqlIdent } from '../lake/index.js'
import { CATALOG_SCHEMAS } from './environments.js'

/** The folder of persisted views inside a schema folder. */
export const VIEWS_DIR = '_views'

/** Keeps the persisted views of `catalogs` under `home` defined in one engine. */
export class PersistedViews {
  private readonly defined = new Map<string, number>()

  constructor(
    private readonly home: string,
    private readonly catalogs: readonly string[],
  ) {}

  /**
   * (Re)creates new and changed views. A view whose SQL does not bind yet (it reads another
   * view) is retried after the others; one that never binds is reported, not thrown.
   */
  async sync(engine: Engine): Promise<{ readonly failed: readonly string[] }> {
    let pending: { name: string; sql: string; mtime: number }[] = []
    for (const catalog of this.catalogs) {
      for (const schema of CATALOG_SCHEMAS) {
        const dir = join(this.home, catalog, schema, VIEWS_DIR)
        if (!existsSync(dir)) continue
        for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
          const path = join(dir, file)
          const name = `${sqlIdent(catalog)}.${sqlIdent(schema)}.${sqlIdent(file.slice(0, -4))}`
          const mtime = statSync(path).mtimeMs
          if (this.defined.get(name) === mtime) continue
          pending.push({ name, sql: readFileSync(path, 'utf8'), mtime })
        }
      }
    }
    let failed: string[] = []
    while (pending.length > 0) {
      const next: typeof pending = []
      failed = []
      for (const v of pending) {
        try {
          await engine.run(`CREATE OR REPLACE VIEW ${v.name} AS ${v.sql}`)
          this.defined.set(v.name, v.mtime)
        } catch (error) {
          next.push(v)
          failed.push(`${v.name}: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
      if (next.length === pending.length) break
      pending = next
    }
    return { failed: pending.length === 0 ? [] : failed }
  }
}
