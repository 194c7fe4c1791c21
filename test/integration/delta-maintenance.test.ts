import { afterEach, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  cleanupExpiredLogs,
  createTable,
  deleteRows,
  DeltaError,
  loadSnapshot,
  parseActions,
  vacuumTable,
  writeTable,
} from '../../src/lake/index.js'
import { tableFixture, type TableFixture } from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

const commit = (f: TableFixture, v: number) =>
  parseActions(
    readFileSync(join(f.dir, '_delta_log', `${String(v).padStart(20, '0')}.json`), 'utf8'),
    'commit',
  )

const commitInfo = (f: TableFixture, v: number) => {
  const a = commit(f, v).find((x) => 'commitInfo' in x)
  return a !== undefined && 'commitInfo' in a ? a.commitInfo : undefined
}

describe('log cleanup', () => {
  it('removes expired log compaction files with the commits they cover', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      sql: 'SELECT 0 AS id',
      configuration: { 'delta.checkpointInterval': '5' },
    })
    for (let i = 1; i <= 11; i++) await writeTable({ ...fx, sql: `SELECT ${i} AS id` })
    const log = join(fx.dir, '_delta_log')
    // Compaction files as Spark writes them: commits 1–3 (expired with them) and 9–11 (kept).
    const body = [1, 2, 3]
      .map((v) => readFileSync(join(log, `${String(v).padStart(20, '0')}.json`), 'utf8'))
      .join('')
    writeFileSync(join(log, '00000000000000000001.00000000000000000003.compacted.json'), body)
    writeFileSync(join(log, '00000000000000000009.00000000000000000011.compacted.json'), body)
    const old = new Date(Date.now() - 40 * 24 * 3_600_000)
    for (const name of readdirSync(log)) {
      if (/^\d{20}\./.test(name)) utimesSync(join(log, name), old, old)
    }
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    const deleted = await cleanupExpiredLogs(fx.store, { configuration: snap.configuration })
    expect(deleted).toContain('_delta_log/00000000000000000001.00000000000000000003.compacted.json')
    expect(readdirSync(log)).toContain('00000000000000000009.00000000000000000011.compacted.json')
    expect((await loadSnapshot(fx.store, { sql: fx.executor })).version).toBe(11)
  })
})

describe('commit metrics and parameters', () => {
  it('DELETE without a predicate records the rows it really deleted', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: 'SELECT * FROM range(3) t(id)' })
    await writeTable({ ...fx, sql: 'SELECT * FROM range(2) t(id)' })
    const r = await deleteRows(fx)
    expect(r.metrics).toMatchObject({ numDeletedRows: 5, numRemovedFiles: 2 })
    expect(commitInfo(fx, r.version)?.operationMetrics?.['numDeletedRows']).toBe('5')
  })

  it('CREATE TABLE AS SELECT without a description records null, not the string "null"', async () => {
    fx = await tableFixture()
    await createTable({ ...fx, sql: 'SELECT 1 AS id' })
    const params = commitInfo(fx, 0)?.operationParameters
    expect(params).toHaveProperty('description', null)
    expect(
      readFileSync(join(fx.dir, '_delta_log', '00000000000000000000.json'), 'utf8'),
    ).not.toContain('"null"')
  })
})

describe('VACUUM retention check', () => {
  it('says the retention must be at least the table minimum, as a usage error code', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: 'SELECT 1 AS id' })
    const error = await vacuumTable({ ...fx, retentionHours: 10 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeltaError)
    expect((error as DeltaError).code).toBe('vacuum-retention-too-short')
    expect((error as DeltaError).message).toMatch(/must be at least 168 hours.*got 10 hours/)
    expect((error as DeltaError).message).not.toMatch(/greater than/)
  })
})

describe('predicates on partition columns only', () => {
  /** Three partitions; then the data files of partitions a and c are deleted from disk. */
  async function readOnlyB(f: TableFixture): Promise<void> {
    await writeTable({
      ...f,
      partitionColumns: ['p'],
      sql: "SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'b'), (4, 'c')) t(id, p)",
    })
    const snap = await loadSnapshot(f.store, { sql: f.executor })
    // Any read of partitions a or c would now fail: the predicate must be decided from the log.
    for (const add of snap.addActions) {
      if (add.partitionValues['p'] !== 'b') rmSync(join(f.dir, decodeURIComponent(add.path)))
    }
  }

  it('replaceWhere on a partition reads no file of the other partitions', async () => {
    fx = await tableFixture()
    await readOnlyB(fx)
    const r = await writeTable({
      ...fx,
      mode: 'overwrite',
      replaceWhere: "p = 'b'",
      sql: "SELECT 9 AS id, 'b' AS p",
    })
    expect(r.metrics).toMatchObject({ numRemovedFiles: 1, numCopiedRows: 0, numOutputRows: 1 })
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(snap.addActions.map((a) => a.partitionValues['p']).sort()).toEqual(['a', 'b', 'c'])
  })

  it('DELETE by partition removes whole files unread and counts their rows from stats', async () => {
    fx = await tableFixture()
    await readOnlyB(fx)
    const r = await deleteRows({ ...fx, predicate: "p = 'b' OR p IS NULL" })
    expect(r.metrics).toMatchObject({ numRemovedFiles: 1, numDeletedRows: 2, numCopiedRows: 0 })
  })
})
