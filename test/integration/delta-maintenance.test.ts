import { afterEach, describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
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
