/**
 * Time travel (shared/delta-tables/README.md §4, §5; delta-rs/EXPECTED.md): by version along the
 * golden chains whose expected data is an older version of another case; by timestamp on copies
 * whose commit-file mtimes the test sets (git does not keep mtimes), and with in-commit
 * timestamps; and the VACUUM read case (old versions of `snapshot-vacuumed` fail, latest works).
 *
 * Semantics (src/lake/snapshot.ts): the latest version whose commit timestamp ≤ the instant; an
 * instant before the earliest available commit is an error; after the latest gives the latest.
 */
import { utimesSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  LocalObjectStore,
  history,
  loadSnapshot,
  scanSql,
  sqlString,
} from '../../src/lake/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { copyToTemp } from '../helpers/tmp.js'
import { DuckDbSql, columnNames, multisetDiff } from './delta-read-support.js'

const GOLDEN = 'delta-tables/golden-kernel-rs'
const golden = (name: string) => new LocalObjectStore(sharedPath(GOLDEN, name, 'delta'))
const expectedOf = (name: string) =>
  `SELECT * FROM read_parquet(${sqlString(sharedPath(GOLDEN, name, 'expected', '**', '*.parquet'))})`

/** Sets the mtime of `_delta_log/<file>` in a copied table. */
function touch(table: string, file: string, iso: string): void {
  const t = new Date(iso)
  utimesSync(join(table, '_delta_log', file), t, t)
}

const commit = (v: number) => `${String(v).padStart(20, '0')}.json`

describeShared(GOLDEN, 'Delta time travel', () => {
  let sql: DuckDbSql
  beforeAll(async () => {
    sql = await DuckDbSql.open()
  })
  afterAll(() => sql.close())

  const chains: readonly [string, number, string][] = [
    ['time-travel-start-start20-start40', 0, 'time-travel-start'],
    ['time-travel-start-start20-start40', 1, 'time-travel-start-start20'],
    ['time-travel-start-start20-start40', 2, 'time-travel-start-start20-start40'],
    ['snapshot-data3', 0, 'snapshot-data0'],
    ['snapshot-data3', 1, 'snapshot-data1'],
    ['snapshot-data3', 2, 'snapshot-data2'],
    ['snapshot-data3', 3, 'snapshot-data3'],
    ['snapshot-repartitioned', 4, 'snapshot-data2-deleted'],
    ['time-travel-schema-changes-b', 0, 'time-travel-schema-changes-a'],
    ['time-travel-partition-changes-b', 0, 'time-travel-partition-changes-a'],
  ]
  for (const [table, version, expected] of chains) {
    it(`reads ${table} at version ${version} as ${expected}`, async () => {
      const s = await loadSnapshot(golden(table), { sql, version })
      expect(s.version).toBe(version)
      const ours = await scanSql(s, { sql })
      expect(await columnNames(sql, ours)).toEqual(await columnNames(sql, expectedOf(expected)))
      expect(await multisetDiff(sql, ours, expectedOf(expected))).toBe(0)
    })
  }

  it('refuses a version after the latest', async () => {
    await expect(loadSnapshot(golden('snapshot-data3'), { sql, version: 4 })).rejects.toThrow(
      /version 4 .* does not exist \(latest is 3\)/,
    )
  })

  it('fails to read vacuumed versions of snapshot-vacuumed and reads the latest', async () => {
    for (let v = 0; v <= 4; v++) {
      const s = await loadSnapshot(golden('snapshot-vacuumed'), { sql, version: v })
      await expect(scanSql(s, { sql })).rejects.toThrow(/data file .* is missing/)
    }
    const latest = await loadSnapshot(golden('snapshot-vacuumed'), { sql })
    expect(
      await multisetDiff(sql, await scanSql(latest, { sql }), expectedOf('snapshot-vacuumed')),
    ).toBe(0)
    // The same log with all files present still reads old versions.
    const old = await loadSnapshot(golden('snapshot-repartitioned'), { sql, version: 4 })
    expect(
      await multisetDiff(sql, await scanSql(old, { sql }), expectedOf('snapshot-data2-deleted')),
    ).toBe(0)
  })

  it('resolves timestamps to versions by commit file mtime (delta-rs simple_table)', async () => {
    const copy = copyToTemp(sharedPath('delta-tables', 'delta-rs', 'simple_table'))
    try {
      for (let v = 0; v <= 4; v++) touch(copy.path, commit(v), `2020-05-0${v + 1}T22:47:31-07:00`)
      touch(copy.path, `.tmp/${commit(5)}`, '2020-05-06T22:47:31-07:00')
      const store = new LocalObjectStore(copy.path)
      const cases: readonly [string, number][] = [
        ['2020-05-02T22:47:31-07:00', 1],
        ['2020-05-02T23:47:31-07:00', 1],
        ['2020-05-03T22:47:31-07:00', 2],
        ['2020-05-04T22:47:31-07:00', 3],
        ['2020-05-05T21:47:31-07:00', 3],
        ['2020-05-05T22:47:31-07:00', 4],
        ['2020-05-25T22:47:31-07:00', 4],
      ]
      for (const [ts, v] of cases) {
        expect([ts, (await loadSnapshot(store, { sql, timestamp: ts })).version]).toEqual([ts, v])
      }
      // delta-rs answers version 0 here; pitwall (like Spark and kernel-java) refuses.
      await expect(
        loadSnapshot(store, { sql, timestamp: '2020-05-01T00:47:31-07:00' }),
      ).rejects.toThrow(/before the earliest available commit/)
      const h = await history(store)
      expect(h.map((e) => e.timestamp)).toEqual(
        [4, 3, 2, 1, 0].map((d) => Date.parse(`2020-05-0${d + 1}T22:47:31-07:00`)),
      )
    } finally {
      copy.cleanup()
    }
  })

  it('makes equal or decreasing commit mtimes strictly increasing', async () => {
    const copy = copyToTemp(sharedPath('delta-tables', 'delta-rs', 'simple_table'))
    try {
      for (let v = 0; v <= 4; v++) touch(copy.path, commit(v), '2021-01-01T00:00:00Z')
      const store = new LocalObjectStore(copy.path)
      const s = await loadSnapshot(store, { sql })
      const base = Date.parse('2021-01-01T00:00:00Z')
      expect(await Promise.all([0, 1, 2, 3, 4].map((v) => s.commitTimestamp(v)))).toEqual(
        [0, 1, 2, 3, 4].map((d) => base + d),
      )
      expect((await loadSnapshot(store, { sql, timestamp: base + 2 })).version).toBe(2)
    } finally {
      copy.cleanup()
    }
  })

  it('resolves timestamps after log cleanup from the earliest remaining commit (checkpoints_vacuumed)', async () => {
    const copy = copyToTemp(sharedPath('delta-tables', 'delta-rs', 'checkpoints_vacuumed'))
    try {
      const days: readonly [number, string][] = [
        [5, '02'],
        [6, '03'],
        [7, '04'],
        [8, '05'],
        [9, '06'],
        [10, '08'],
        [11, '09'],
        [12, '10'],
      ]
      for (const [v, d] of days) touch(copy.path, commit(v), `2020-05-${d}T22:47:31-07:00`)
      const store = new LocalObjectStore(copy.path)
      expect(
        (await loadSnapshot(store, { sql, timestamp: '2020-05-09T00:47:31-07:00' })).version,
      ).toBe(10)
      expect(
        (await loadSnapshot(store, { sql, timestamp: '2020-05-03T00:00:00-07:00' })).version,
      ).toBe(5)
      await expect(
        loadSnapshot(store, { sql, timestamp: '2020-05-02T00:47:31-07:00' }),
      ).rejects.toThrow(/before the earliest/)
    } finally {
      copy.cleanup()
    }
  })

  it('uses in-commit timestamps instead of mtimes when the table enables them (cdc_ict_table)', async () => {
    const copy = copyToTemp(sharedPath('delta-tables', 'delta-rs', 'cdc_ict_table'))
    try {
      // mtimes far in the future must not matter: ICT is the commit time.
      for (let v = 0; v <= 3; v++) touch(copy.path, commit(v), '2030-01-01T00:00:00Z')
      const store = new LocalObjectStore(copy.path)
      const h = await history(store)
      const ict = new Map(h.map((e) => [e.version, Number(e.commitInfo.inCommitTimestamp)]))
      // (The fixture's version 1 carries an ICT a year before version 0, so only 2 and 3 are
      // unambiguous.)
      for (const v of [2, 3]) {
        expect((await loadSnapshot(store, { sql, timestamp: ict.get(v) ?? 0 })).version).toBe(v)
      }
      expect((await loadSnapshot(store, { sql, timestamp: (ict.get(2) ?? 0) - 1 })).version).toBe(1)
    } finally {
      copy.cleanup()
    }
  })
})
