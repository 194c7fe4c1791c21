import { afterEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import {
  changesSql,
  createTable,
  deleteRows,
  loadSnapshot,
  LogStore,
  SchemaMismatchError,
  updateRows,
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

describe('delta writer round trip', () => {
  it('creates a (1,2) table, appends, overwrites and deletes, and the reader sees each version', async () => {
    fx = await tableFixture()
    const created = await createTable({
      ...fx,
      sql: `SELECT i::INTEGER AS id, 'n' || i AS name, (i % 2 = 0) AS even FROM range(5) t(i)`,
    })
    expect(created.version).toBe(0)
    const v0 = commitLines(fx.dir, 0)
    expect(Object.keys(v0[0] ?? {})).toEqual(['commitInfo'])
    expect(v0.find((a) => 'protocol' in a)).toEqual({
      protocol: { minReaderVersion: 1, minWriterVersion: 2 },
    })

    const appended = await writeTable({
      ...fx,
      sql: `SELECT 10 AS id, 'ten' AS name, true AS even`,
    })
    expect(appended.version).toBe(1)
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([0, 1, 2, 3, 4, 10])

    const deleted = await deleteRows({ ...fx, predicate: 'id % 2 = 1' })
    expect(deleted.metrics.numDeletedRows).toBe(2)
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([0, 2, 4, 10])

    const over = await writeTable({
      ...fx,
      mode: 'overwrite',
      sql: `SELECT 7 AS id, 'seven' AS name, false AS even`,
    })
    expect(plain(await readBack(fx, 'id'))).toEqual([{ id: 7, name: 'seven', even: false }])
    // Time travel still sees the older versions.
    expect(plain(await readBack(fx, 'id', 1)).length).toBe(6)
    expect(over.version).toBe(3)
  })

  it('overwrites by replaceWhere and by partition, keeping other partitions', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      partitionColumns: ['day'],
      sql: `SELECT i AS id, DATE '2024-01-01' + (i % 3)::INTEGER AS day FROM range(9) t(i)`,
    })
    await writeTable({
      ...fx,
      mode: 'overwrite',
      replaceWhere: `day = DATE '2024-01-02'`,
      sql: `SELECT 100 AS id, DATE '2024-01-02' AS day`,
    })
    const rows = plain(await readBack(fx, 'id'))
    expect(rows.map((r) => r['id'])).toEqual([0, 2, 3, 5, 6, 8, 100])
    await expect(
      writeTable({
        ...fx,
        mode: 'overwrite',
        replaceWhere: `day = DATE '2024-01-02'`,
        sql: `SELECT 1 AS id, DATE '2024-01-03' AS day`,
      }),
    ).rejects.toThrow(/replaceWhere/)
    await writeTable({
      ...fx,
      mode: 'overwrite',
      partitionOverwrite: true,
      sql: `SELECT 200 AS id, DATE '2024-01-01' AS day`,
    })
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([2, 5, 8, 100, 200])
    // No rows fall in any partition: nothing is replaced and no version is committed.
    const empty = await writeTable({
      ...fx,
      mode: 'overwrite',
      partitionOverwrite: true,
      sql: `SELECT 300 AS id, DATE '2024-01-01' AS day WHERE false`,
    })
    expect(empty.version).toBe(2)
    expect(empty.metrics.numOutputRows).toBe(0)
    expect(await new LogStore(fx.store).latestVersion()).toBe(2)
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([2, 5, 8, 100, 200])
  })

  it('evolves the schema with mergeSchema and names the column and both types on a conflict', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: `SELECT 1 AS id` })
    await expect(writeTable({ ...fx, sql: `SELECT 2 AS id, 'x' AS extra` })).rejects.toThrow(
      /'extra'.*mergeSchema/,
    )
    const evolved = await writeTable({
      ...fx,
      mergeSchema: true,
      sql: `SELECT 2 AS id, 'x' AS extra`,
    })
    expect(evolved.metrics.addedColumns).toEqual(['extra'])
    expect(plain(await readBack(fx, 'id'))).toEqual([
      { id: 1, extra: null },
      { id: 2, extra: 'x' },
    ])
    const err = await writeTable({ ...fx, sql: `SELECT 'abc' AS id` }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SchemaMismatchError)
    expect((err as Error).message).toMatch(/'id'.*integer.*string/)
  })

  it('updates rows copy-on-write and records update pre/post images with CDF on', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      configuration: { 'delta.enableChangeDataFeed': 'true' },
      sql: `SELECT i AS id, 'v' AS val FROM range(4) t(i)`,
    })
    await writeTable({ ...fx, sql: `SELECT 10 AS id, 'w' AS val` })
    const r = await updateRows({
      ...fx,
      set: { val: `val || '!'` },
      predicate: 'id >= 2 AND id < 10',
    })
    expect(r.metrics).toEqual({
      numUpdatedRows: 2,
      numCopiedRows: 2,
      numRemovedFiles: 1,
      numAddedFiles: 1,
    })
    expect(plain(await readBack(fx, 'id')).map((x) => x['val'])).toEqual([
      'v',
      'v',
      'v!',
      'v!',
      'w',
    ])
    const cdc = plain(
      await fx.executor.all(
        `SELECT id, val, _change_type FROM read_parquet('${join(fx.dir, '_change_data')}/*.parquet') ORDER BY _change_type, id`,
      ),
    )
    expect(cdc).toEqual([
      { id: 2, val: 'v!', _change_type: 'update_postimage' },
      { id: 3, val: 'v!', _change_type: 'update_postimage' },
      { id: 2, val: 'v', _change_type: 'update_preimage' },
      { id: 3, val: 'v', _change_type: 'update_preimage' },
    ])
    // The reader's change data feed reads our cdc files back.
    const feed = await changesSql(fx.store, { start: r.version, sql: fx.executor })
    const changes = plain(
      await fx.executor.all(
        `SELECT id, _change_type, _commit_version FROM (${feed}) ORDER BY _change_type, id`,
      ),
    )
    expect(changes.map((c) => [c['id'], c['_change_type'], c['_commit_version']])).toEqual([
      [2, 'update_postimage', r.version],
      [3, 'update_postimage', r.version],
      [2, 'update_preimage', r.version],
      [3, 'update_preimage', r.version],
    ])
    const none = await updateRows({ ...fx, set: { val: `'x'` }, predicate: 'id > 100' })
    expect(none.version).toBe(r.version)
  })

  it('records deleted and inserted rows of a replaceWhere overwrite in the change data feed', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      configuration: { 'delta.enableChangeDataFeed': 'true' },
      sql: `SELECT i AS id FROM range(4) t(i)`,
    })
    const r = await writeTable({
      ...fx,
      mode: 'overwrite',
      replaceWhere: 'id >= 2',
      sql: `SELECT 7 AS id`,
    })
    const feed = await changesSql(fx.store, { start: r.version, sql: fx.executor })
    const changes = plain(
      await fx.executor.all(`SELECT id, _change_type FROM (${feed}) ORDER BY id`),
    )
    expect(changes).toEqual([
      { id: 2, _change_type: 'delete' },
      { id: 3, _change_type: 'delete' },
      { id: 7, _change_type: 'insert' },
    ])
  })

  it('round-trips partition values of every primitive type, NULL included', async () => {
    fx = await tableFixture()
    const sql = `SELECT * FROM (VALUES
      (1, 7::INTEGER, 2.5::DOUBLE, true, DATE '2024-06-30', TIMESTAMPTZ '2024-06-30 12:00:00.5+00', TIMESTAMP '2024-06-30 12:00:00', 'a b/c', 12.34::DECIMAL(6,2)),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
    ) AS t(id, i, d, b, dt, ts, ntz, s, dec)`
    await writeTable({
      ...fx,
      partitionColumns: ['i', 'd', 'b', 'dt', 'ts', 'ntz', 's', 'dec'],
      sql,
    })
    const snap = await loadSnapshot(fx.store)
    const first = snap.addActions.find((a) => a.partitionValues['i'] === '7')
    expect(first?.partitionValues).toEqual({
      i: '7',
      d: '2.5',
      b: 'true',
      dt: '2024-06-30',
      ts: '2024-06-30T12:00:00.500000Z',
      ntz: '2024-06-30 12:00:00.000000',
      s: 'a b/c',
      dec: '12.34',
    })
    expect(snap.addActions.find((a) => a.partitionValues['i'] === null)?.path).toMatch(
      /^i=__HIVE_DEFAULT_PARTITION__\//,
    )
    const back = plain(await readBack(fx, 'id'))
    const expected = plain(await fx.executor.all(`SELECT * FROM (${sql}) ORDER BY id`))
    expect(back).toEqual(expected)
  })

  it('records the rows of a DELETE as delete changes, partial and whole-file alike', async () => {
    fx = await tableFixture()
    await writeTable({
      ...fx,
      partitionColumns: ['p'],
      configuration: { 'delta.enableChangeDataFeed': 'true' },
      sql: `SELECT i AS id, i % 2 AS p FROM range(6) t(i)`,
    })
    const r = await deleteRows({ ...fx, predicate: 'p = 1 OR id = 0' })
    expect(r.metrics).toMatchObject({ numDeletedRows: 4, numRemovedFiles: 2, numAddedFiles: 1 })
    const feed = await changesSql(fx.store, { start: r.version, sql: fx.executor })
    const changes = plain(
      await fx.executor.all(`SELECT id, _change_type FROM (${feed}) ORDER BY id`),
    )
    expect(changes).toEqual([0, 1, 3, 5].map((id) => ({ id, _change_type: 'delete' })))
    expect(plain(await readBack(fx, 'id')).map((x) => x['id'])).toEqual([2, 4])
  })

  it('refuses NULLs in a NOT NULL column, naming it', async () => {
    fx = await tableFixture()
    await createTable({
      ...fx,
      schema: {
        type: 'struct',
        fields: [
          { name: 'id', type: 'long', nullable: false, metadata: {} },
          { name: 'val', type: 'string', nullable: true, metadata: {} },
        ],
      },
    })
    await expect(
      writeTable({ ...fx, sql: `SELECT NULL::BIGINT AS id, 'x' AS val` }),
    ).rejects.toThrow("column 'id' is NOT NULL but 1 written row(s) have NULL in it")
    await expect(writeTable({ ...fx, sql: `SELECT 'x' AS val` })).rejects.toThrow(
      /'id' is NOT NULL/,
    )
    await writeTable({ ...fx, sql: `SELECT 1 AS id, NULL::VARCHAR AS val` })
    expect(plain(await readBack(fx, 'id'))).toEqual([{ id: 1, val: null }])
  })

  it('replaces schema and partitioning with overwriteSchema (a full refresh)', async () => {
    fx = await tableFixture()
    await writeTable({ ...fx, sql: `SELECT 1 AS id, 'a' AS name` })
    await expect(
      writeTable({ ...fx, mode: 'overwrite', sql: `SELECT 'x' AS code` }),
    ).rejects.toThrow(/'code'.*mergeSchema/)
    await writeTable({
      ...fx,
      mode: 'overwrite',
      overwriteSchema: true,
      partitionColumns: ['day'],
      sql: `SELECT 'x' AS code, DATE '2024-06-30' AS day`,
    })
    const snap = await loadSnapshot(fx.store)
    expect(snap.schema.fields.map((f) => f.name)).toEqual(['code', 'day'])
    expect(snap.partitionColumns).toEqual(['day'])
    expect(plain(await readBack(fx, 'code')).map((r) => r['code'])).toEqual(['x'])
    expect(plain(await readBack(fx, 'id', 0))).toEqual([{ id: 1, name: 'a' }])
  })

  it('skips an idempotent write whose txn version was already committed', async () => {
    fx = await tableFixture()
    const first = await writeTable({
      ...fx,
      sql: `SELECT 1 AS id`,
      txn: { appId: 'app', version: 5 },
    })
    const again = await writeTable({
      ...fx,
      sql: `SELECT 1 AS id`,
      txn: { appId: 'app', version: 5 },
    })
    expect(again.metrics.skipped).toBe(true)
    expect(again.version).toBe(first.version)
    const next = await writeTable({
      ...fx,
      sql: `SELECT 2 AS id`,
      txn: { appId: 'app', version: 6 },
    })
    expect(next.version).toBe(1)
    const snap = await loadSnapshot(fx.store)
    expect(snap.txns.get('app')).toBe(6)
    expect(plain(await readBack(fx, 'id')).map((r) => r['id'])).toEqual([1, 2])
  })
})
