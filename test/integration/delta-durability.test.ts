import { afterEach, describe, expect, it, vi } from 'vitest'
import { open, readFile, rename, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  DamagedCommitError,
  LocalObjectStore,
  loadSnapshot,
  normalizePath,
  writeCheckpoint,
  writeTable,
} from '../../src/lake/index.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  vi.restoreAllMocks()
  fx?.close()
  fx = undefined
})

const commitFile = (dir: string, v: number): string =>
  join(dir, '_delta_log', `${String(v).padStart(20, '0')}.json`)

/** A table with versions 0..3, each appending one row (id = version). */
async function fourVersions(): Promise<TableFixture> {
  const f = await tableFixture()
  for (let v = 0; v <= 3; v++) await writeTable({ ...f, sql: `SELECT ${v} AS id, 'r${v}' AS s` })
  return f
}

/** Opening the table fails with a DamagedCommitError naming the file; returns it. */
async function damaged(f: TableFixture): Promise<DamagedCommitError> {
  const error = await loadSnapshot(f.store, { sql: f.executor }).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DamagedCommitError)
  return error as DamagedCommitError
}

describe('durable commits', () => {
  it('fsyncs data files, the commit file and the log folder before a commit counts', async () => {
    fx = await tableFixture()
    const flushed: string[] = []
    class RecordingStore extends LocalObjectStore {
      override async flush(paths: readonly string[]): Promise<void> {
        flushed.push(...paths)
        await super.flush(paths)
      }
    }
    const store = new RecordingStore(fx.dir)
    const probe = await open(join(__dirname, 'delta-durability.test.ts'), 'r')
    const handle = Object.getPrototypeOf(probe) as {
      sync(): Promise<void>
      datasync(): Promise<void>
    }
    const sync = vi.spyOn(handle, 'sync')
    const datasync = vi.spyOn(handle, 'datasync')
    await probe.close()
    await writeTable({
      store,
      executor: fx.executor,
      partitionColumns: ['p'],
      sql: "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) t(id, p)",
    })
    const snap = await loadSnapshot(store, { sql: fx.executor })
    for (const add of snap.addActions) expect(flushed).toContain(normalizePath(add.path))
    // Two data files (datasync) and their folders, the temp commit file and _delta_log (and the
    // table folder).
    expect(datasync.mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(sync.mock.calls.length + datasync.mock.calls.length).toBeGreaterThanOrEqual(6)
  })
})

describe('a power loss while the last commit was written', () => {
  it.each([
    ['0 bytes', () => 0, /is empty \(0 bytes\)/],
    [
      'half its bytes',
      (size: number) => Math.floor(size / 2),
      /json:\d+ is not valid JSON \(the file was cut short/,
    ],
  ])('truncated to %s: a clear error naming the file, never another table', async (_, cut, why) => {
    fx = await fourVersions()
    const file = commitFile(fx.dir, 3)
    const { size } = await open(file, 'r').then(async (h) => {
      const s = await h.stat()
      await h.close()
      return s
    })
    await truncate(file, cut(size))
    const error = await damaged(fx)
    expect(error.message).toContain('00000000000000000003.json')
    expect(error.message).toMatch(why)
    expect(error.last).toBe(true)
    expect(error.hint).toContain(`mv '${file}' '${file}.damaged'`)
    expect(error.hint).toMatch(/reopen the table at version 2/)
    expect(error.hint).toMatch(/pitwall table restore/)
    // Nothing is written on top of a damaged version.
    await expect(writeTable({ ...fx, sql: 'SELECT 9 AS id, 9 AS s' })).rejects.toBeInstanceOf(
      DamagedCommitError,
    )
    // Older versions still read; the hint's repair reopens the table at version 2.
    expect(plain(await readBack(fx, 'id', 2)).map((r) => r['id'])).toEqual([0, 1, 2])
    await rename(file, `${file}.damaged`)
    expect((await loadSnapshot(fx.store, { sql: fx.executor })).version).toBe(2)
    await writeTable({ ...fx, sql: "SELECT 4 AS id, 'r4' AS s" })
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([0, 1, 2, 4])
  })

  it('recognises a commit cut exactly at a line break by the action count it recorded', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      partitionColumns: ['p'],
      sql: "SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) t(id, p)",
    })
    const file = commitFile(fx.dir, 0)
    const lines = (await readFile(file, 'utf8')).split('\n')
    // commitInfo, protocol, metaData, three adds: keep all but the last add, newline-terminated.
    expect(lines.filter((l) => l !== '')).toHaveLength(6)
    await writeFile(file, `${lines.slice(0, 5).join('\n')}\n`)
    const error = await damaged(fx)
    expect(error.message).toMatch(/holds 4 of the 5 actions/)
  })

  it('reports a damaged commit in the middle of the log as needing a backup', async () => {
    fx = await fourVersions()
    await truncate(commitFile(fx.dir, 1), 0)
    const error = await damaged(fx)
    expect(error.version).toBe(1)
    expect(error.last).toBe(false)
    expect(error.hint).toMatch(/restore the file from a backup/)
  })
})

describe('_last_checkpoint', () => {
  it('only moves forward: a slower checkpoint of an older version leaves it alone', async () => {
    fx = await tableFixture()
    for (let v = 0; v <= 10; v++) await writeTable({ ...fx, sql: `SELECT ${v} AS id` })
    const hint = join(fx.dir, '_delta_log', '_last_checkpoint')
    expect(JSON.parse(await readFile(hint, 'utf8'))).toMatchObject({ version: 10 })
    const older = await loadSnapshot(fx.store, { sql: fx.executor, version: 5 })
    await writeCheckpoint(older, fx.executor)
    expect(JSON.parse(await readFile(hint, 'utf8'))).toMatchObject({ version: 10 })
  })
})
