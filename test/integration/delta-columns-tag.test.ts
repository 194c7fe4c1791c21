/**
 * The `pitwall.columns` tag (src/lake/protocol/columns-tag.ts): pitwall's writer tags each data
 * file with a digest of its columns, and a scan over files of one tag binds from the first file
 * only (no `union_by_name`). These tests write real tables with DuckDB and read them back: the tag
 * survives commits and checkpoints, a schema change falls back to reading by name, a missing file
 * still fails with the file's name, and a narrower source is written with the table's type.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import {
  createTable,
  DeltaError,
  loadSnapshot,
  scanSql,
  writeCheckpoint,
  writeTable,
} from '../../src/lake/index.js'
import {
  commitLines,
  plain,
  readBack,
  tableFixture,
  type TableFixture,
} from './delta-write-helpers.js'

let fx: TableFixture | undefined
afterEach(() => {
  fx?.close()
  fx = undefined
})

const TAG = 'pitwall.columns'

/** The `add` actions of one commit file. */
function addsOf(dir: string, version: number): Record<string, unknown>[] {
  return commitLines(dir, version).flatMap((a) =>
    'add' in a ? [a['add'] as Record<string, unknown>] : [],
  )
}

async function latestScan(f: TableFixture): Promise<string> {
  return scanSql(await loadSnapshot(f.store, { sql: f.executor }), { sql: f.executor })
}

/** A table partitioned by `p` with three files written by two commits. */
async function threeFiles(f: TableFixture): Promise<void> {
  await createTable({
    ...f,
    partitionColumns: ['p'],
    sql: `SELECT i::BIGINT AS id, 'n' || i AS name, (i % 2)::INTEGER AS p FROM range(4) t(i)`,
  })
  await writeTable({ ...f, sql: `SELECT 10::BIGINT AS id, 'ten' AS name, 7::INTEGER AS p` })
}

describe('the pitwall.columns tag', () => {
  it('tags every file of one schema alike, and a scan of them binds without union_by_name', async () => {
    fx = await tableFixture()
    await threeFiles(fx)
    const tags = [...addsOf(fx.dir, 0), ...addsOf(fx.dir, 1)].map(
      (a) => (a['tags'] as Record<string, string> | undefined)?.[TAG],
    )
    expect(tags).toHaveLength(3)
    expect(new Set(tags).size).toBe(1)
    expect(tags[0]).toMatch(/^1:[0-9a-f]{24}$/)
    const sql = await latestScan(fx)
    expect(sql).not.toContain('union_by_name')
    expect(plain(await readBack(fx, 'id'))).toEqual([
      { id: 0, name: 'n0', p: 0 },
      { id: 1, name: 'n1', p: 1 },
      { id: 2, name: 'n2', p: 0 },
      { id: 3, name: 'n3', p: 1 },
      { id: 10, name: 'ten', p: 7 },
    ])
  })

  it('survives a checkpoint: the snapshot read from it keeps the tags', async () => {
    fx = await tableFixture()
    await threeFiles(fx)
    await writeCheckpoint(await loadSnapshot(fx.store, { sql: fx.executor }), fx.executor)
    expect(
      readdirSync(join(fx.dir, '_delta_log')).some((n) => n.endsWith('.checkpoint.parquet')),
    ).toBe(true)
    // Only the checkpoint is left to read the files from.
    for (const v of [0, 1])
      rmSync(join(fx.dir, '_delta_log', `${String(v).padStart(20, '0')}.json`))
    const snapshot = await loadSnapshot(fx.store, { sql: fx.executor })
    expect([...snapshot.files.values()].map((a) => a.tags?.[TAG] !== undefined)).toEqual([
      true,
      true,
      true,
    ])
    expect(await scanSql(snapshot, { sql: fx.executor })).not.toContain('union_by_name')
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([0, 1, 2, 3, 10])
  })

  it('reads by name again once a schema change gives newer files another tag', async () => {
    fx = await tableFixture()
    await threeFiles(fx)
    await writeTable({
      ...fx,
      mergeSchema: true,
      sql: `SELECT 11::BIGINT AS id, 'eleven' AS name, 1::INTEGER AS p, 2.5::DOUBLE AS score`,
    })
    expect(await latestScan(fx)).toContain('union_by_name=true')
    const rows = plain(await readBack(fx, 'id'))
    expect(rows.map((r) => [r['id'], r['score']])).toEqual([
      [0, null],
      [1, null],
      [2, null],
      [3, null],
      [10, null],
      [11, 2.5],
    ])
  })

  it('still names a missing data file (removed behind the log) instead of a DuckDB IO error', async () => {
    fx = await tableFixture()
    await threeFiles(fx)
    const gone = String(addsOf(fx.dir, 1)[0]?.['path'])
    rmSync(join(fx.dir, decodeURIComponent(gone)))
    const err = await latestScan(fx).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DeltaError)
    expect((err as DeltaError).code).toBe('missing-data-file')
    expect((err as Error).message).toContain(gone)
  })

  it("writes a narrower source with the table's type, so one tag means one physical schema", async () => {
    fx = await tableFixture()
    await createTable({ ...fx, sql: `SELECT 5000000000::BIGINT AS n` })
    await writeTable({ ...fx, sql: `SELECT 1::INTEGER AS n` })
    const file = join(fx.dir, String(addsOf(fx.dir, 1)[0]?.['path']))
    const schema = await fx.executor.all(
      `SELECT type FROM parquet_schema('${file}') WHERE name = 'n'`,
    )
    expect(schema.map((r) => r['type'])).toEqual(['INT64'])
    expect(plain(await readBack(fx, 'n')).map((r) => r['n'])).toEqual([1, 5000000000])
  })
})
