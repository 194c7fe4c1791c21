/**
 * jaffle_shop_duckdb as published (issue 15): its own profiles.yml (`type: duckdb`), built from
 * inside its folder with `pitwall build`, and every table it builds equal, row for row, to a plain
 * DuckDB run of the SQL pitwall compiled (the seeds read from the same CSVs).
 */
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'
import { DuckDbEngine } from '../../src/engine/index.js'
import { loadSnapshot, LocalObjectStore, scanSql } from '../../src/lake/index.js'
import { runPitwall } from '../helpers/cli.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { copyToTemp } from '../helpers/tmp.js'

interface BuildJson {
  success: boolean
  results: { unique_id: string; status: string }[]
}

/** Makes a copied tree writable (the shared folder may be read-only). */
function writable(dir: string): void {
  chmodSync(dir, 0o755)
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) writable(p)
    else chmodSync(p, 0o644)
  }
}

/** Rows as sorted JSON lines (bigints and dates as text), so equal tables compare equal. */
function canonical(rows: readonly Record<string, unknown>[]): string[] {
  return rows
    .map((r) =>
      JSON.stringify(r, (_k, v: unknown) =>
        typeof v === 'bigint' ? String(v) : v instanceof Date ? v.toISOString() : v,
      ),
    )
    .sort()
}

describeShared('dbt-projects/jaffle_shop_duckdb', 'jaffle_shop_duckdb, unmodified', () => {
  it('builds from inside its folder and its tables equal a plain DuckDB run', async () => {
    const copy = copyToTemp(sharedPath('dbt-projects', 'jaffle_shop_duckdb'), 'jaffle_shop')
    const engine = await DuckDbEngine.create()
    try {
      writable(copy.path)
      const home = join(copy.path, 'lakehouse')
      const r = runPitwall(['build', '--json'], {
        cwd: copy.path,
        env: { PITWALL_HOME: home },
      })
      expect(r.stderr).not.toMatch(/ error /)
      expect(r.code).toBe(0)
      const out = JSON.parse(r.stdout) as BuildJson
      const kind = (id: string) => id.split('.')[0]!
      const by = (k: string) => out.results.filter((x) => kind(x.unique_id) === k)
      expect(by('seed').map((x) => x.status)).toEqual(['success', 'success', 'success'])
      expect(by('model')).toHaveLength(5)
      expect(by('model').every((x) => x.status === 'success')).toBe(true)
      expect(by('test')).toHaveLength(20)
      expect(by('test').every((x) => x.status === 'pass')).toBe(true)

      // The plain run: seeds from the CSVs, then the compiled SQL pitwall wrote, relation names
      // rewritten to the plain database's, in dependency order (the manifest's).
      for (const f of readdirSync(join(copy.path, 'seeds')).filter((x) => x.endsWith('.csv'))) {
        const name = f.replace(/\.csv$/, '')
        await engine.run(
          `create table ${name} as select * from read_csv('${join(copy.path, 'seeds', f)}', header = true)`,
        )
      }
      const target = join(home, 'target', 'dev')
      const manifest = JSON.parse(readFileSync(join(target, 'manifest.json'), 'utf8')) as {
        nodes: Record<
          string,
          {
            name: string
            resource_type: string
            depends_on: { nodes: string[] }
            config: { materialized: string }
          }
        >
      }
      const models = Object.entries(manifest.nodes).filter(([, n]) => n.resource_type === 'model')
      const done = new Set<string>()
      const compiledDir = join(target, 'compiled', 'jaffle_shop')
      const compiledFiles = walk(compiledDir).filter((f) => !f.includes('.yml'))
      expect(compiledFiles.map((f) => relative(compiledDir, f)).sort()).toEqual([
        'models/customers.sql',
        'models/orders.sql',
        'models/staging/stg_customers.sql',
        'models/staging/stg_orders.sql',
        'models/staging/stg_payments.sql',
      ])
      for (let round = 0; round < models.length && done.size < models.length; round++) {
        for (const [id, n] of models) {
          if (
            done.has(id) ||
            !n.depends_on.nodes.every((d) => d.startsWith('seed.') || done.has(d))
          )
            continue
          const file = compiledFiles.find((f) => f.endsWith(`/${n.name}.sql`))!
          const sql = readFileSync(file, 'utf8').replaceAll('"jaffle_shop"."main".', '')
          const kindOf = n.config.materialized === 'view' ? 'view' : 'table'
          await engine.run(`create ${kindOf} ${n.name} as ${sql}`)
          done.add(id)
        }
      }
      expect(done.size).toBe(5)

      // Every table pitwall built (models materialized as tables, and seeds) equals the plain one.
      const tables = [
        ...models.filter(([, n]) => n.config.materialized === 'table').map(([, n]) => n.name),
        'raw_customers',
        'raw_orders',
        'raw_payments',
      ]
      expect(tables.slice(0, 2).sort()).toEqual(['customers', 'orders'])
      for (const table of tables) {
        const store = new LocalObjectStore(join(home, 'jaffle_shop', 'main', table))
        const snapshot = await loadSnapshot(store, { sql: engine })
        const ours = await engine.all(await scanSql(snapshot, { sql: engine }))
        const plain = await engine.all(`select * from ${table}`)
        expect(ours.length, table).toBeGreaterThan(0)
        expect(Object.keys(ours[0]!), table).toEqual(Object.keys(plain[0]!))
        expect(canonical(ours), table).toEqual(canonical(plain))
      }
    } finally {
      await engine.close()
      copy.cleanup()
    }
  })
})

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e)
    return statSync(p).isDirectory() ? walk(p) : [p]
  })
}
