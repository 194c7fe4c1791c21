import { afterEach, describe, expect, it } from 'vitest'
import { rmSync } from 'node:fs'
import {
  commit,
  LocalObjectStore,
  loadSnapshot,
  writeTable,
  type ObjectStore,
} from '../../src/lake/index.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

/** A store of the table that records every read of the log. */
function recording(dir: string): { store: ObjectStore; reads: string[] } {
  const reads: string[] = []
  const base = new LocalObjectStore(dir)
  const store: ObjectStore = {
    root: base.root,
    localPath: (p) => base.localPath(p),
    get: (p) => (reads.push(p), base.get(p)),
    getRange: (p, o, l) => (reads.push(p), base.getRange(p, o, l)),
    head: (p) => base.head(p),
    put: (p, d) => base.put(p, d),
    putIfAbsent: (p, d) => base.putIfAbsent(p, d),
    list: (p) => (reads.push(`list ${p}`), base.list(p)),
    delete: (p) => base.delete(p),
    flush: (ps) => base.flush(ps),
  }
  return { store, reads }
}

describe("the writer's snapshot between commits", () => {
  it('is kept: an append to a table of 25 versions reads no commit or checkpoint it has seen', async () => {
    fx = await tableFixture()
    for (let i = 0; i < 25; i++) await writeTable({ ...fx, sql: `SELECT ${i} AS id` })
    const { store, reads } = recording(fx.dir)
    await writeTable({ store, executor: fx.executor, sql: 'SELECT 25 AS id' })
    // Version 25 is written. Of the log only the next commit is looked for (it was not there):
    // nothing of versions 0–24 (commits, checkpoint 20, its hint) is read again, nothing listed.
    expect(reads.filter((r) => r.startsWith('_delta_log/') || r.startsWith('list'))).toEqual([
      '_delta_log/00000000000000000025.json',
    ])
    expect((await loadSnapshot(fx.store, { sql: fx.executor })).version).toBe(25)
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual(
      Array.from({ length: 26 }, (_, i) => i),
    )
  })

  it('catches up with commits it did not write (another process)', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: 'SELECT 1 AS id' })
    await writeTable({ ...fx, sql: 'SELECT 2 AS id' })
    // Another writer (no cache of ours involved) removes the first file at version 2.
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    const first = snap.addActions.find((a) => a.stats?.includes('"id":1'))
    await commit({
      store: fx.store,
      readVersion: 1,
      operation: 'DELETE',
      actions: [
        { remove: { path: first?.path ?? '', deletionTimestamp: Date.now(), dataChange: true } },
      ],
    })
    const r = await writeTable({ ...fx, sql: 'SELECT 3 AS id' })
    expect(r.version).toBe(3)
    expect(plain(await readBack(fx, 'id')).map((x) => x['id'])).toEqual([2, 3])
    const after = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(after.files.size).toBe(2)
  })

  it('is dropped when the table was deleted and created again', async () => {
    fx = await tableFixture()
    for (let i = 0; i < 3; i++) await writeTable({ ...fx, sql: `SELECT ${i} AS id` })
    rmSync(fx.dir, { recursive: true, force: true })
    await writeTable({ ...fx, sql: "SELECT 'x' AS name" })
    await writeTable({ ...fx, sql: "SELECT 'y' AS name" })
    await writeTable({ ...fx, sql: "SELECT 'z' AS name" })
    expect(plain(await readBack(fx, 'name'))).toEqual([{ name: 'x' }, { name: 'y' }, { name: 'z' }])
  })
})
