/**
 * MERGE on a table with the change data feed on: inserts only (no key matches — adding a new race
 * to a silver table), matches only, mixed, and an empty source. Checks the table content and the
 * exact CDF rows `changesSql` returns for the merge's version.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { changesSql, loadSnapshot, LogStore, mergeTable, writeTable } from '../../src/lake/index.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

/** A CDF table: (race, driver) → pos, races 1-2 × drivers 1-3, pos = 'r<race>d<driver>'. */
async function cdfTable(partitioned: boolean): Promise<TableFixture> {
  const f = await tableFixture()
  await writeTable({
    ...f,
    ...(partitioned ? { partitionColumns: ['race'] } : {}),
    configuration: { 'delta.enableChangeDataFeed': 'true' },
    sql: `SELECT r AS race, d AS driver, 'r' || r || 'd' || d AS pos FROM range(1, 3) a(r), range(1, 4) b(d)`,
  })
  return f
}

/** The CDF rows of exactly `version`, ordered. */
async function changesAt(f: TableFixture, version: number): Promise<Record<string, unknown>[]> {
  const sql = await changesSql(f.store, { sql: f.executor, start: version, end: version })
  return plain(
    await f.executor.all(
      `SELECT race, driver, pos, _change_type, _commit_version FROM (${sql}) ORDER BY _change_type, race, driver`,
    ),
  )
}

/** The `cdc` actions of commit `version`. */
async function cdcActions(f: TableFixture, version: number): Promise<unknown[]> {
  const actions = await new LogStore(f.store).readCommit(version)
  return actions.filter((a) => 'cdc' in a)
}

const base = [1, 2].flatMap((race) =>
  [1, 2, 3].map((driver) => ({ race, driver, pos: `r${race}d${driver}` })),
)

describe.each([false, true])('merge with CDF on (partitioned: %s)', (partitioned) => {
  it('inserts only (all keys new): table and CDF inserts', async () => {
    fx = await cdfTable(partitioned)
    const r = await mergeTable({
      ...fx,
      keys: ['race', 'driver'],
      sql: `SELECT * FROM (VALUES (3, 1, 'n1'), (3, 2, 'n2')) s(race, driver, pos)`,
    })
    expect(r.version).toBe(1)
    expect(r.metrics.numTargetRowsInserted).toBe(2)
    expect(r.metrics.numTargetRowsUpdated).toBe(0)
    expect(r.metrics.numTargetFilesRemoved).toBe(0)
    // A new race: partition values (or stats) prune every file of the earlier races unread.
    expect(r.metrics.numTargetFilesScanned).toBe(0)
    expect(plain(await readBack(fx, 'race, driver'))).toEqual([
      ...base,
      { race: 3, driver: 1, pos: 'n1' },
      { race: 3, driver: 2, pos: 'n2' },
    ])
    expect(await changesAt(fx, 1)).toEqual([
      { race: 3, driver: 1, pos: 'n1', _change_type: 'insert', _commit_version: 1 },
      { race: 3, driver: 2, pos: 'n2', _change_type: 'insert', _commit_version: 1 },
    ])
    // Pure inserts write no change data files: CDF readers take the commit's adds as inserts.
    expect(await cdcActions(fx, 1)).toEqual([])
    expect(existsSync(join(fx.dir, '_change_data'))).toBe(false)
  })

  it('matches only: table and CDF pre/post images', async () => {
    fx = await cdfTable(partitioned)
    const r = await mergeTable({
      ...fx,
      keys: ['race', 'driver'],
      sql: `SELECT * FROM (VALUES (2, 1, 'u1'), (2, 3, 'u3')) s(race, driver, pos)`,
    })
    expect(r.version).toBe(1)
    expect(r.metrics.numTargetRowsInserted).toBe(0)
    expect(r.metrics.numTargetRowsUpdated).toBe(2)
    expect(plain(await readBack(fx, 'race, driver'))).toEqual(
      base.map((x) => (x.race === 2 && x.driver !== 2 ? { ...x, pos: `u${x.driver}` } : x)),
    )
    expect(await changesAt(fx, 1)).toEqual([
      { race: 2, driver: 1, pos: 'u1', _change_type: 'update_postimage', _commit_version: 1 },
      { race: 2, driver: 3, pos: 'u3', _change_type: 'update_postimage', _commit_version: 1 },
      { race: 2, driver: 1, pos: 'r2d1', _change_type: 'update_preimage', _commit_version: 1 },
      { race: 2, driver: 3, pos: 'r2d3', _change_type: 'update_preimage', _commit_version: 1 },
    ])
  })

  it('mixed: inserts plus updates, copied rows not in the feed', async () => {
    fx = await cdfTable(partitioned)
    const r = await mergeTable({
      ...fx,
      keys: ['race', 'driver'],
      sql: `SELECT * FROM (VALUES (1, 2, 'u2'), (1, 4, 'n4'), (3, 1, 'n1')) s(race, driver, pos)`,
    })
    expect(r.version).toBe(1)
    expect(r.metrics.numTargetRowsInserted).toBe(2)
    expect(r.metrics.numTargetRowsUpdated).toBe(1)
    expect(plain(await readBack(fx, 'race, driver'))).toEqual([
      { race: 1, driver: 1, pos: 'r1d1' },
      { race: 1, driver: 2, pos: 'u2' },
      { race: 1, driver: 3, pos: 'r1d3' },
      { race: 1, driver: 4, pos: 'n4' },
      ...base.filter((x) => x.race === 2),
      { race: 3, driver: 1, pos: 'n1' },
    ])
    expect(await changesAt(fx, 1)).toEqual([
      { race: 1, driver: 4, pos: 'n4', _change_type: 'insert', _commit_version: 1 },
      { race: 3, driver: 1, pos: 'n1', _change_type: 'insert', _commit_version: 1 },
      { race: 1, driver: 2, pos: 'u2', _change_type: 'update_postimage', _commit_version: 1 },
      { race: 1, driver: 2, pos: 'r1d2', _change_type: 'update_preimage', _commit_version: 1 },
    ])
  })

  it('empty source: commits nothing', async () => {
    fx = await cdfTable(partitioned)
    const r = await mergeTable({
      ...fx,
      keys: ['race', 'driver'],
      sql: `SELECT * FROM (VALUES (1, 1, 'x')) s(race, driver, pos) WHERE false`,
    })
    expect(r.version).toBe(0)
    expect(r.metrics.numSourceRows).toBe(0)
    expect((await loadSnapshot(fx.store)).version).toBe(0)
    expect(plain(await readBack(fx, 'race, driver'))).toEqual(base)
  })

  it('matched rows ignored, only new keys inserted: feed has inserts only', async () => {
    fx = await cdfTable(partitioned)
    const r = await mergeTable({
      ...fx,
      keys: ['race', 'driver'],
      whenMatched: 'ignore',
      sql: `SELECT * FROM (VALUES (1, 1, 'x'), (3, 3, 'n3')) s(race, driver, pos)`,
    })
    expect(r.version).toBe(1)
    expect(await changesAt(fx, 1)).toEqual([
      { race: 3, driver: 3, pos: 'n3', _change_type: 'insert', _commit_version: 1 },
    ])
    expect(await cdcActions(fx, 1)).toEqual([])
    expect(plain(await readBack(fx, 'race, driver')).length).toBe(7)
  })
})
