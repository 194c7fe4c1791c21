import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { addGrant, checkAccess, defaultGrants } from './grants.js'
import { loadGrants, saveGrants } from './grants-store.js'

const DEV = 'dev_f1_data_analytics'
const dir = mkdtempSync(join(tmpdir(), 'pitwall-grants-'))
let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('grants store', () => {
  it('starts from the defaults, and keeps what is saved in the system schema', async () => {
    const path = join(dir, DEV, 'system', 'grants')
    expect(await loadGrants(engine, path, DEV)).toEqual(defaultGrants([DEV]))
    const more = addGrant(defaultGrants([DEV]), {
      principal: 'data_analysts',
      privilege: 'SELECT',
      on: { catalog: DEV, schema: 'silver_clean', table: 'silver_laps' },
    })
    expect(await saveGrants(engine, path, more)).toBe(0)
    const loaded = await loadGrants(engine, path, DEV)
    expect(loaded).toHaveLength(more.length)
    expect(loaded).toEqual(expect.arrayContaining(more))
    const target = { catalog: DEV, schema: 'silver_clean', table: 'silver_laps' }
    // SELECT alone is not enough: USE SCHEMA on silver_clean is still missing.
    expect(checkAccess(loaded, 'data_analysts', 'SELECT', target).allowed).toBe(false)
    expect(await saveGrants(engine, path, [])).toBe(1)
    expect(await loadGrants(engine, path, DEV)).toEqual([])
  })
})
