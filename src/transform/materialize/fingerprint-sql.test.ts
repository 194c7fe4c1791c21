import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../engine/index.js'
import { objectStoreFor } from '../../lake/index.js'
import { compileNode } from '../compile/compile-node.js'
import { parseProject } from '../project/parse-project.js'
import { DeltaWarehouse } from './delta-warehouse.js'
import { compileOrThrow, fingerprintSql } from './materialize-context.js'

// A model that asks the warehouse only when it can (flags.INTROSPECT), as the F1 warehouse's
// session_key_list does, and one that asks whenever it executes.
const KEYS = 'select 7 as k union all select 3'
const FILES: Record<string, string> = {
  'dbt_project.yml': 'name: pitwall\nprofile: pitwall\n',
  'profiles.yml': `pitwall:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_c, threads: 1 }\n`,
  'models/guarded.sql': `select 1 as id where 1 in
{%- if execute and flags.INTROSPECT %} ({{ run_query('${KEYS} order by 1').columns[0].values() | join(', ') }})
{%- else %} (${KEYS}){% endif %}`,
  // Guarded by `execute` only, as dbt projects do: it cannot compile without a warehouse.
  'models/unguarded.sql': `{% if execute %}select {{ run_query('select 42 as n').columns[0].values()[0] }} as n{% endif %}`,
}

describe('fingerprintSql and flags.INTROSPECT', () => {
  const project = parseProject(FILES)
  let home: string
  let engine: DuckDbEngine
  let ctx: Parameters<typeof fingerprintSql>[0]

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'pitwall-fingerprint-'))
    engine = await DuckDbEngine.create()
    ctx = { project, warehouse: new DeltaWarehouse({ home, engine, storeFor: objectStoreFor }) }
  })
  afterAll(async () => {
    await engine.close()
    rmSync(home, { recursive: true, force: true })
  })

  it('is false in a compile without a warehouse, which keeps the subquery', () => {
    expect(project.diagnostics).toEqual([])
    const r = compileNode(project, 'model.pitwall.guarded')
    expect(r.ok && r.node.compiled_code).toBe(`select 1 as id where 1 in (${KEYS})`)
  })

  it('is true at execution, where the warehouse answers and the keys become literals', async () => {
    const c = await compileOrThrow(ctx, project.nodes['model.pitwall.guarded']!, false)
    expect(c.sql).toBe('select 1 as id where 1 in (3, 7)')
  })

  it('fingerprints without the warehouse when the template allows it', async () => {
    const sql = await fingerprintSql(ctx, project.nodes['model.pitwall.guarded']!, false)
    expect(sql).toBe(`select 1 as id where 1 in (${KEYS})`)
  })

  it('fingerprints as executed when the template needs the warehouse', async () => {
    const sql = await fingerprintSql(ctx, project.nodes['model.pitwall.unguarded']!, false)
    expect(sql).toBe('select 42 as n')
  })
})
