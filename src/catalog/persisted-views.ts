/**
 * @module catalog/persisted-views
 * Views the warehouse persists as `<home>/<catalog>/<schema>/_views/<name>.sql` (a view
 * materialization writes its SELECT there), recreated in every process that opens the lakehouse.
 * A view file is code that runs in every process, so it must parse (DuckDB's own parser) as
 * exactly one SELECT: anything else — a second statement after the first, DDL — is refused and
 * reported, never executed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { sqlIdent } from '../core/index.js'
import type { Engine } from '../engine/index.js'
import { CATALOG_SCHEMAS } from './environments.js'
import { parseSelect } from './sql-guard.js'

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
   * view) is retried after the others; one that never binds, or is not one SELECT, is reported,
   * not thrown.
   */
  async sync(engine: Engine): Promise<{ readonly failed: readonly string[] }> {
    let pending: { name: string; sql: string; mtime: number }[] = []
    const refused: string[] = []
    for (const catalog of this.catalogs) {
      for (const schema of CATALOG_SCHEMAS) {
        const dir = join(this.home, catalog, schema, VIEWS_DIR)
        if (!existsSync(dir)) continue
        for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
          const path = join(dir, file)
          const name = `${sqlIdent(catalog)}.${sqlIdent(schema)}.${sqlIdent(file.slice(0, -4))}`
          const mtime = statSync(path).mtimeMs
          if (this.defined.get(name) === mtime) continue
          const sql = readFileSync(path, 'utf8')
          const parsed = await parseSelect(engine, sql)
          if ('code' in parsed) {
            refused.push(`${name}: ${path} is not one SELECT statement (${parsed.reason})`)
            continue
          }
          pending.push({ name, sql, mtime })
        }
      }
    }
    let failed: string[] = []
    while (pending.length > 0) {
      const next: typeof pending = []
      failed = []
      for (const v of pending) {
        try {
          // A newline before the end: a trailing line comment in the file cannot swallow anything.
          await engine.run(`CREATE OR REPLACE VIEW ${v.name} AS ${v.sql}\n`)
          this.defined.set(v.name, v.mtime)
        } catch (error) {
          next.push(v)
          failed.push(`${v.name}: ${error instanceof Error ? error.message : String(error)}`)
        }
      }
      if (next.length === pending.length) break
      pending = next
    }
    return { failed: [...refused, ...(pending.length === 0 ? [] : failed)] }
  }
}
