/**
 * The lake's static-partition write the loader relies on (issue 16): a batch of landing files of
 * one `batch_day` is written with its partition value known, in one plain COPY into that
 * partition's folder (no PARTITION_BY pass), and a row outside it fails the write.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../src/engine/index.js'
import { LocalObjectStore, loadSnapshot, scanSql, writeTable } from '../../src/lake/index.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-static-'))
let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

const rows = (day: string, ids: number[]): string =>
  `SELECT id, DATE '${day}' AS d FROM (VALUES ${ids.map((i) => `(${i})`).join(', ')}) t(id)`

describe('writeTable with known partition values', () => {
  it('writes straight into the partition folder, creating and appending alike', async () => {
    const store = new LocalObjectStore(join(dir, 'ok'))
    const base = { store, executor: engine, partitionColumns: ['d'], mode: 'append' as const }
    await writeTable({
      ...base,
      sql: rows('2024-06-30', [1, 2]),
      partitionValues: { d: '2024-06-30' },
    })
    await writeTable({
      ...base,
      sql: rows('2024-07-01', [3]),
      partitionValues: { d: '2024-07-01' },
    })
    const snapshot = await loadSnapshot(store, { sql: engine })
    expect(
      snapshot.addActions.map((a) => [a.path.split('/')[0], a.partitionValues['d']]).sort(),
    ).toEqual([
      ['d=2024-06-30', '2024-06-30'],
      ['d=2024-07-01', '2024-07-01'],
    ])
    expect(
      await engine.all(
        `SELECT id, CAST(d AS VARCHAR) AS d FROM (${await scanSql(snapshot, { sql: engine })}) ORDER BY id`,
      ),
    ).toEqual([
      { id: 1, d: '2024-06-30' },
      { id: 2, d: '2024-06-30' },
      { id: 3, d: '2024-07-01' },
    ])
  })

  it('fails, committing nothing, when a row falls outside the given partition', async () => {
    const store = new LocalObjectStore(join(dir, 'bad'))
    const write = writeTable({
      store,
      executor: engine,
      partitionColumns: ['d'],
      sql: `${rows('2024-06-30', [1])} UNION ALL ${rows('2024-07-01', [2])}`,
      partitionValues: { d: '2024-06-30' },
    })
    await expect(write).rejects.toThrow(/outside the partition/)
    await expect(loadSnapshot(store, { sql: engine })).rejects.toThrow()
  })
})
