import { afterEach, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  deleteRows,
  loadSnapshot,
  mergeTable,
  optimizeTable,
  planScan,
  scanSql,
  updateRows,
  writeTable,
  type ScanFilter,
} from '../../src/lake/index.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

async function fixtureAt(relative: string): Promise<TableFixture> {
  const base = mkdtempSync(join(tmpdir(), 'pitwall-safety-'))
  const fx = await tableFixture(join(base, relative))
  cleanups.push(() => {
    fx.close()
    rmSync(base, { recursive: true, force: true })
  })
  return fx
}

describe('a table stored under a col=value folder', () => {
  it('reads, updates and merges the values in its files, never the folder name', async () => {
    // The table lives at …/s=9/mytable and has a data column `s`: DuckDB's automatic Hive
    // partitioning would read s = 9 for every row and an UPDATE would write that back.
    const fx = await fixtureAt('s=9/mytable')
    await writeTable({ ...fx, sql: 'SELECT * FROM (VALUES (1, 1), (2, 2), (3, 3)) t(id, s)' })
    expect(plain(await readBack(fx, 'id'))).toEqual([
      { id: 1, s: 1 },
      { id: 2, s: 2 },
      { id: 3, s: 3 },
    ])
    await updateRows({ ...fx, set: { id: 'id * 10' }, predicate: 's = 2' })
    expect(plain(await readBack(fx, 'id'))).toEqual([
      { id: 1, s: 1 },
      { id: 3, s: 3 },
      { id: 20, s: 2 },
    ])
    await mergeTable({ ...fx, keys: ['id'], sql: 'SELECT 1 AS id, 5 AS s' })
    await deleteRows({ ...fx, predicate: 's = 3' })
    expect(plain(await readBack(fx, 'id'))).toEqual([
      { id: 1, s: 5 },
      { id: 20, s: 2 },
    ])
  })

  it('keeps a partitioned table partitioned by the log, not by the folders above it', async () => {
    // Both the table's parent folder and its partition folders look like Hive partitions.
    const fx = await fixtureAt('p=zzz/s=9/t')
    await writeTable({
      ...fx,
      partitionColumns: ['p'],
      sql: "SELECT * FROM (VALUES (1, 'a', 7), (2, 'b', 8)) t(id, p, s)",
    })
    await writeTable({ ...fx, sql: "SELECT 3 AS id, 'a' AS p, 9 AS s" })
    await optimizeTable(fx)
    expect(plain(await readBack(fx, 'id'))).toEqual([
      { id: 1, p: 'a', s: 7 },
      { id: 2, p: 'b', s: 8 },
      { id: 3, p: 'a', s: 9 },
    ])
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(new Set(snap.addActions.map((a) => a.partitionValues['p']))).toEqual(new Set(['a', 'b']))
  })
})

describe('pruning by statistics', () => {
  it('compares integers above 2^53 exactly (stats parsed without rounding)', async () => {
    const fx = await fixtureAt('big')
    // 2^53 + 1 rounds to 2^53 as a double: a rounded max would prune `id > 2^53`.
    await writeTable({ ...fx, sql: 'SELECT 9007199254740993::BIGINT AS id' })
    await writeTable({ ...fx, sql: 'SELECT 9007199254740990::BIGINT AS id' })
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    const ids = async (filter: ScanFilter): Promise<string[]> => {
      const rows = await fx.executor.all(await scanSql(snap, { filter, sql: fx.executor }))
      return rows.map((r) => String(r['id']))
    }
    const above: ScanFilter = { op: '>', column: 'id', value: 9007199254740992n }
    expect(planScan(snap, above).files).toHaveLength(1)
    expect(await ids(above)).toEqual(['9007199254740993'])
    expect(await ids({ op: '=', column: 'id', value: 9007199254740993n })).toEqual([
      '9007199254740993',
    ])
    expect(await ids({ op: '=', column: 'id', value: '9007199254740993' })).toEqual([
      '9007199254740993',
    ])
    expect(planScan(snap, { op: '<', column: 'id', value: 9007199254740990n }).files).toHaveLength(
      0,
    )
  })

  it('compares strings by code point: U+FFFF sorts below an emoji', async () => {
    const fx = await fixtureAt('strings')
    await writeTable({ ...fx, sql: "SELECT * FROM (VALUES ('\uFFFF'), ('😀'), ('a')) t(s)" })
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    for (const value of ['\uFFFF', '😀', 'a']) {
      const filter: ScanFilter = { op: '=', column: 's', value }
      expect(planScan(snap, filter).files, value).toHaveLength(1)
      const rows = await fx.executor.all(await scanSql(snap, { filter, sql: fx.executor }))
      expect(rows.map((r) => r['s'])).toEqual([value])
    }
    expect(planScan(snap, { op: '>', column: 's', value: '😀' }).files).toHaveLength(0)
  })
})
