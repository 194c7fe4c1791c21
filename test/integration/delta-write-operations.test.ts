import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  cleanupExpiredLogs,
  history,
  loadSnapshot,
  optimizeTable,
  restoreTable,
  setTableProperties,
  vacuumTable,
  writeTable,
} from '../../src/lake/index.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

function stat(
  add: { stats?: string | null },
  side: 'minValues' | 'maxValues',
  col: string,
): number {
  return Number(
    (JSON.parse(add.stats ?? '{}') as Record<string, Record<string, number>>)[side]?.[col],
  )
}

describe('delta table operations', () => {
  it('OPTIMIZE bin-packs small files per partition without changing the data', async () => {
    fx = await tableFixture()
    for (let i = 0; i < 4; i++) {
      await writeTable({
        ...fx,
        partitionColumns: ['p'],
        sql: `SELECT j AS id, j % 2 AS p FROM range(${i * 10}, ${i * 10 + 10}) t(j)`,
      })
    }
    const before = plain(await readBack(fx, 'id'))
    expect((await loadSnapshot(fx.store)).files.size).toBe(8)
    const one = await optimizeTable({ ...fx, partitionFilter: { p: '0' } })
    expect(one.metrics.numFilesRemoved).toBe(4)
    expect(one.metrics.numFilesAdded).toBe(1)
    await expect(optimizeTable({ ...fx, partitionFilter: { id: '1' } })).rejects.toThrow(
      /not a partition column/,
    )
    const r = await optimizeTable({ ...fx })
    expect(r.metrics.numFilesRemoved).toBe(4)
    expect(r.metrics.numFilesAdded).toBe(1)
    const snap = await loadSnapshot(fx.store)
    expect(snap.files.size).toBe(2)
    expect(plain(await readBack(fx, 'id'))).toEqual(before)
    const again = await optimizeTable({ ...fx })
    expect(again.version).toBe(r.version) // nothing left to compact: no commit
  })

  it('ZORDER BY clusters two columns so files cover narrow ranges of both', async () => {
    fx = await tableFixture()
    // 4096 rows on a 64×64 grid, written in random order into one file.
    await writeTable({
      ...fx,
      sql: `SELECT x, y FROM range(64) a(x), range(64) b(y) ORDER BY hash(x * 64 + y)`,
    })
    const one = (await loadSnapshot(fx.store)).addActions
    expect(one.length).toBe(1)
    // A target of 1/16 of the file: 16 files of 256 rows, each ideally a 16×16 tile of the grid.
    const z = await optimizeTable({
      ...fx,
      zOrderBy: ['x', 'y'],
      targetSizeBytes: Math.ceil((one[0]?.size ?? 0) / 16),
    })
    const snap = await loadSnapshot(fx.store)
    const files = snap.addActions
    expect(files.length).toBe(z.metrics.numFilesAdded)
    expect(files.length).toBe(16)
    const spans = files.map(
      (f) =>
        (stat(f, 'maxValues', 'x') - stat(f, 'minValues', 'x') + 1) *
        (stat(f, 'maxValues', 'y') - stat(f, 'minValues', 'y') + 1),
    )
    // Without clustering every file would span the whole 64×64 grid; Z-ordered, each is a 16×16 tile.
    expect(Math.max(...spans)).toBe(16 * 16)
    expect(plain(await readBack(fx, 'x, y')).length).toBe(4096)
  })

  it('RESTORE brings back an earlier version and refuses one whose files were vacuumed', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: `SELECT 1 AS id` })
    await writeTable({ ...fx, sql: `SELECT 2 AS id` })
    await writeTable({ ...fx, mode: 'overwrite', sql: `SELECT 3 AS id` })
    const r = await restoreTable({ ...fx, version: 1 })
    expect(r.version).toBe(3)
    expect(r.metrics.numRestoredFiles).toBe(2)
    expect(r.metrics.numRemovedFiles).toBe(1)
    expect(plain(await readBack(fx, 'id')).map((x) => x['id'])).toEqual([1, 2])
    await vacuumTable({ ...fx, retentionHours: 0, enforceRetention: false })
    await expect(restoreTable({ ...fx, version: 2 })).rejects.toThrow(/deleted.*VACUUM/)
  })

  it('sets and unsets table properties, upgrading the protocol for CDF and rejecting bad values', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: `SELECT 1 AS id` })
    const r = await setTableProperties({
      ...fx,
      set: { 'delta.enableChangeDataFeed': 'true', quality: 'silver' },
    })
    expect(r.metrics.protocolUpgraded).toBe(true)
    const snap = await loadSnapshot(fx.store)
    expect(snap.configuration).toEqual({ 'delta.enableChangeDataFeed': 'true', quality: 'silver' })
    expect(snap.protocol.minWriterVersion).toBe(7)
    expect(snap.protocol.writerFeatures).toEqual(['appendOnly', 'changeDataFeed', 'invariants'])
    await expect(setTableProperties({ ...fx, set: { 'delta.appendOnly': 'yes' } })).rejects.toThrow(
      /delta.appendOnly='yes' is invalid/,
    )
    await expect(
      setTableProperties({ ...fx, set: { 'delta.enableChangeDataFeeed': 'true' } }),
    ).rejects.toThrow(/unknown Delta table property/)
    await setTableProperties({ ...fx, unset: ['quality'] })
    expect((await loadSnapshot(fx.store)).configuration).toEqual({
      'delta.enableChangeDataFeed': 'true',
    })
    await setTableProperties({ ...fx, set: { 'delta.appendOnly': 'true' } })
    await expect(writeTable({ ...fx, mode: 'overwrite', sql: `SELECT 2 AS id` })).rejects.toThrow(
      /append-only/,
    )
  })

  it('writes a checkpoint every delta.checkpointInterval commits and opens from it', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      sql: `SELECT 0 AS id`,
      configuration: { 'delta.checkpointInterval': '5' },
    })
    let checkpoints = 0
    for (let i = 1; i <= 11; i++) {
      const r = await writeTable({ ...fx, sql: `SELECT ${i} AS id` })
      if (r.checkpoint !== undefined) checkpoints++
    }
    expect(checkpoints).toBe(2)
    const log = readdirSync(join(fx.dir, '_delta_log'))
    expect(log).toContain('00000000000000000010.checkpoint.parquet')
    expect(log).toContain('_last_checkpoint')
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(snap.checkpointVersion).toBe(10)
    expect(plain(await readBack(fx, 'id')).length).toBe(12)
  })

  it('cleans up log files older than delta.logRetentionDuration before the newest expired checkpoint', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      sql: `SELECT 0 AS id`,
      configuration: { 'delta.checkpointInterval': '5' },
    })
    for (let i = 1; i <= 12; i++) await writeTable({ ...fx, sql: `SELECT ${i} AS id` })
    const { utimesSync } = await import('node:fs')
    const old = new Date(Date.now() - 40 * 24 * 3_600_000)
    for (const name of readdirSync(join(fx.dir, '_delta_log'))) {
      if (/^\d{20}\./.test(name) && Number(name.slice(0, 20)) <= 10)
        utimesSync(join(fx.dir, '_delta_log', name), old, old)
    }
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    const deleted = await cleanupExpiredLogs(fx.store, { configuration: snap.configuration })
    // Everything before checkpoint 10 goes (commits 0–9, checkpoint 5); checkpoint 10 and its commit stay.
    expect(deleted.length).toBe(11)
    const left = readdirSync(join(fx.dir, '_delta_log'))
      .filter((n) => /^\d{20}\./.test(n))
      .sort()
    expect(left[0]).toBe('00000000000000000010.checkpoint.parquet')
    expect(left).toContain('00000000000000000010.json')
    expect(plain(await readBack(fx, 'id')).length).toBe(13)
    await expect(loadSnapshot(fx.store, { sql: fx.executor, version: 3 })).rejects.toThrow()
  })

  it('VACUUM removes untracked files and expired tombstones but never the log or hidden files', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: `SELECT 1 AS id` })
    await writeTable({ ...fx, mode: 'overwrite', sql: `SELECT 2 AS id` })
    const { writeFileSync, mkdirSync } = await import('node:fs')
    writeFileSync(join(fx.dir, 'orphan.parquet'), 'x')
    mkdirSync(join(fx.dir, '_hidden'))
    writeFileSync(join(fx.dir, '_hidden', 'keep.parquet'), 'x')
    writeFileSync(join(fx.dir, '.dotfile'), 'x')
    const dry = await vacuumTable({
      ...fx,
      retentionHours: 0,
      enforceRetention: false,
      dryRun: true,
    })
    expect(dry.metrics.numFilesDeleted).toBe(2)
    expect(existsSync(join(fx.dir, 'orphan.parquet'))).toBe(true)
    const defaultRetention = await vacuumTable({ ...fx })
    expect(defaultRetention.metrics.numFilesDeleted).toBe(0) // tombstone and orphan are younger than 7 days
    const done = await vacuumTable({ ...fx, retentionHours: 0, enforceRetention: false })
    expect(existsSync(join(fx.dir, 'orphan.parquet'))).toBe(false)
    const ops = (await history(fx.store, { limit: 2 })).map((h) => [h.version, h.operation])
    expect(ops).toEqual([
      [done.version, 'VACUUM END'],
      [done.version - 1, 'VACUUM START'],
    ])
    expect(existsSync(join(fx.dir, '_hidden', 'keep.parquet'))).toBe(true)
    expect(existsSync(join(fx.dir, '.dotfile'))).toBe(true)
    expect(plain(await readBack(fx, 'id'))).toEqual([{ id: 2 }])
  })
})
