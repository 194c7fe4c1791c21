import { afterEach, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadSnapshot, mergeTable, writeTable } from '../../src/lake/index.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

describe('delta merge by key', () => {
  it('rewrites only the files that hold matching keys and upserts exactly once', async () => {
    fx = await tableFixture()
    // Ten files with disjoint id ranges: 0-9, 10-19, …
    for (let f = 0; f < 10; f++) {
      await writeTable({
        ...fx,
        sql: `SELECT i AS id, 'v0' AS val FROM range(${f * 10}, ${f * 10 + 10}) t(i)`,
      })
    }
    const merged = await mergeTable({
      ...fx,
      keys: ['id'],
      sql: `SELECT * FROM (VALUES (15, 'v1'), (17, 'v1'), (1000, 'new')) AS s(id, val)`,
    })
    expect(merged.metrics.numTargetFilesScanned).toBe(1)
    expect(merged.metrics.numTargetFilesSkipped).toBe(9)
    expect(merged.metrics.numTargetFilesRemoved).toBe(1)
    expect(merged.metrics.numTargetRowsUpdated).toBe(2)
    expect(merged.metrics.numTargetRowsInserted).toBe(1)
    expect(merged.metrics.numTargetRowsCopied).toBe(8)
    const rows = plain(await readBack(fx, 'id'))
    expect(rows.length).toBe(101)
    expect(new Set(rows.map((r) => r['id'])).size).toBe(101)
    expect(rows.filter((r) => r['val'] === 'v1').map((r) => r['id'])).toEqual([15, 17])
    expect(rows.find((r) => r['id'] === 1000)?.['val']).toBe('new')
  })

  it('refuses NULL keys and duplicate source keys with clear errors', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: `SELECT 1 AS id, 'a' AS val` })
    await expect(
      mergeTable({ ...fx, keys: ['id'], sql: `SELECT NULL::INTEGER AS id, 'x' AS val` }),
    ).rejects.toThrow(/NULL in merge key column\(s\) id/)
    await expect(
      mergeTable({
        ...fx,
        keys: ['id'],
        sql: `SELECT * FROM (VALUES (2, 'x'), (2, 'y')) s(id, val)`,
      }),
    ).rejects.toThrow(/several rows for the same key/)
    expect((await loadSnapshot(fx.store)).version).toBe(0)
  })

  it('merges on a multi-column key across partitions, deletes when asked, and writes CDF rows', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      partitionColumns: ['session'],
      configuration: { 'delta.enableChangeDataFeed': 'true' },
      sql: `SELECT s AS session, d AS driver, 'p' || s || d AS pos FROM range(2) a(s), range(3) b(d)`,
    })
    const snap = await loadSnapshot(fx.store)
    expect(snap.protocol).toEqual({
      minReaderVersion: 1,
      minWriterVersion: 7,
      writerFeatures: ['changeDataFeed'],
    })
    const r = await mergeTable({
      ...fx,
      keys: ['session', 'driver'],
      sql: `SELECT * FROM (VALUES (1, 2, 'updated'), (1, 9, 'inserted')) s(session, driver, pos)`,
    })
    expect(r.metrics.numTargetFilesScanned).toBe(1) // partition pruning: only session=1
    expect(r.metrics.numTargetRowsUpdated).toBe(1)
    const rows = plain(await readBack(fx, 'session, driver'))
    expect(rows.length).toBe(7)
    expect(rows.find((x) => x['session'] === 1 && x['driver'] === 2)?.['pos']).toBe('updated')
    const commit = readFileSync(
      join(fx.dir, '_delta_log', `${String(r.version).padStart(20, '0')}.json`),
      'utf8',
    )
    expect(commit).toContain('"cdc"')
    expect(readdirSync(join(fx.dir, '_change_data'))).toEqual(['session=1'])
    const changes = plain(
      await fx.executor.all(
        `SELECT driver, pos, _change_type FROM read_parquet('${join(fx.dir, '_change_data')}/**/*.parquet') ORDER BY _change_type, driver`,
      ),
    )
    expect(changes).toEqual([
      { driver: 9, pos: 'inserted', _change_type: 'insert' },
      { driver: 2, pos: 'updated', _change_type: 'update_postimage' },
      { driver: 2, pos: 'p12', _change_type: 'update_preimage' },
    ])
    const del = await mergeTable({
      ...fx,
      keys: ['session', 'driver'],
      whenMatched: 'delete',
      whenNotMatched: 'ignore',
      sql: `SELECT 0 AS session, 0 AS driver`,
    })
    expect(del.metrics.numTargetRowsDeleted).toBe(1)
    expect(plain(await readBack(fx, 'session, driver')).length).toBe(6)
  })
})
