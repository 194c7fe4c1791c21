/**
 * The SQL of every model (full and incremental), snapshot and test of `warehouse/` compiled for a
 * Databricks target, as the adapter sends it (`toDatabricksSql`), against
 * `test/goldens/databricks/` (rewritten only with UPDATE_GOLDENS=1). Dispatched macros
 * (`warehouse/macros/dialect.sql`) give their `databricks__` variants here.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { toDatabricksSql } from '../../src/engine/index.js'
import { compileNode } from '../../src/transform/index.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { databricksProject } from './databricks-support.js'

function golden(name: string, sql: string): void {
  const file = join(REPO_ROOT, 'test', 'goldens', 'databricks', `${name}.sql`)
  if (process.env['UPDATE_GOLDENS'] === '1' || !existsSync(file)) {
    if (process.env['CI'] !== undefined && !existsSync(file))
      throw new Error(`missing golden ${file}`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${sql}\n`)
  }
  expect(`${sql}\n`, name).toBe(readFileSync(file, 'utf8'))
}

describe('warehouse/ compiled for Databricks', () => {
  const project = databricksProject()
  const nodes = Object.values(project.nodes).filter((n) =>
    ['model', 'snapshot', 'test'].includes(n.resource_type),
  )
  const compile = (id: string, isIncremental: boolean): string => {
    const r = compileNode(project, id, { isIncremental })
    if (!r.ok) throw new Error(`${id}: ${r.diagnostic.message}`)
    return toDatabricksSql(r.node.compiled_code)
  }

  it('parses without errors and targets the f1_prod catalog', () => {
    expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(nodes.length).toBeGreaterThan(100)
    expect(new Set(nodes.map((n) => n.database))).toEqual(new Set(['f1_prod']))
  })

  it('matches the golden of every model, snapshot and test', () => {
    for (const n of nodes) {
      const dir =
        n.resource_type === 'model'
          ? 'models'
          : n.resource_type === 'snapshot'
            ? 'snapshots'
            : 'tests'
      golden(`${dir}/${n.name}`, compile(n.unique_id, false))
      if (n.resource_type === 'model' && n.config.materialized === 'incremental') {
        golden(`${dir}/${n.name}.incremental`, compile(n.unique_id, true))
      }
    }
  })

  it('emits no DuckDB-only identifier quoting or type names', () => {
    for (const n of nodes) {
      const sql = compile(n.unique_id, false)
      expect(sql, n.name).not.toMatch(/"[a-z_]+"\."[a-z_]+"/)
      expect(sql, n.name).not.toMatch(/\bas (varchar|timestamptz)\)/i)
      expect(sql, n.name).toMatch(/`f1_prod`\.`[a-z_]+`\.`[a-z_0-9]+`|__dbt__cte__|select/i)
    }
  })
})
