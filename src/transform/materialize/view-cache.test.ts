import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../engine/index.js'
import { LocalObjectStore, writeTable } from '../../lake/index.js'
import { ViewCache, type TableView } from './view-cache.js'

const home = mkdtempSync(join(tmpdir(), 'pitwall-view-cache-'))
const rel = { database: 'c', schema: 's', identifier: 't' }
const location = join(home, 'c', 's', 't')
const store = new LocalObjectStore(location)
let engine: DuckDbEngine

beforeAll(async () => {
  engine = await DuckDbEngine.create({ threads: 1 })
})
afterAll(async () => {
  await engine.close()
  rmSync(home, { recursive: true, force: true })
})

const view = (version: number): TableView => ({
  version,
  partitionBy: ['id'],
  sql: `select ${version} as v`,
})

describe('ViewCache', () => {
  it('answers for the commit it was made from, and misses after a new commit or a move', async () => {
    const cache = new ViewCache(home)
    const first = await writeTable({ store, executor: engine, sql: 'select 1 as id' })
    expect(await cache.read(rel, store, location, first.version)).toBeUndefined()
    await cache.write(rel, store, location, view(first.version))
    expect(await new ViewCache(home).read(rel, store, location, first.version)).toEqual(
      view(first.version),
    )
    // Another location (the home copied elsewhere): the SQL names the old files.
    expect(await cache.read(rel, store, join(home, 'moved'), first.version)).toBeUndefined()
    // A newer commit: the entry is for an older version.
    const second = await writeTable({ store, executor: engine, sql: 'select 2 as id' })
    expect(await cache.read(rel, store, location, second.version)).toBeUndefined()
    await cache.write(rel, store, location, view(second.version))
    expect(await cache.read(rel, store, location, second.version)).toEqual(view(second.version))
    await cache.forget(rel)
    expect(await cache.read(rel, store, location, second.version)).toBeUndefined()
  })

  it('misses when the commit file is not the one it was made from, or the entry is torn', async () => {
    const cache = new ViewCache(home)
    const other = { ...rel, identifier: 'u' }
    const at = join(home, 'c', 's', 'u')
    const st = new LocalObjectStore(at)
    const w = await writeTable({ store: st, executor: engine, sql: 'select 1 as id' })
    await cache.write(other, st, at, view(w.version))
    expect(await cache.read(other, st, at, w.version)).toEqual(view(w.version))
    // The table recreated with a commit of the same version but other content.
    const commit = join(at, '_delta_log', '00000000000000000000.json')
    writeFileSync(commit, '{"commitInfo":{}}\n')
    expect(await cache.read(other, st, at, w.version)).toBeUndefined()
    await cache.write(other, st, at, view(w.version))
    writeFileSync(join(home, 'target', 'view_cache', 'c', 's', 'u.json'), '{"format":1,"loc')
    expect(await cache.read(other, st, at, w.version)).toBeUndefined()
  })
})
