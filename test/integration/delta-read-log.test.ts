/**
 * Log replay on the shared reference tables: negative cases refused with clear errors, the
 * special golden assertions (shared/delta-tables/README.md §2, §3), `_last_checkpoint` handling,
 * the delta-rs facts of `delta-rs/EXPECTED.md`, and history.
 */
import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  InvalidLogError,
  LocalObjectStore,
  NotADeltaTableError,
  UnsupportedFeatureError,
  history,
  loadSnapshot,
  normalizePath,
  planScan,
  scanSql,
  type ScanFilter,
  type Snapshot,
} from '../../src/lake/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { copyToTemp } from '../helpers/tmp.js'
import { DuckDbSql, countRows } from './delta-read-support.js'

const ROOT = 'delta-tables'
const at = (...p: string[]) => new LocalObjectStore(sharedPath(ROOT, ...p))
const golden = (name: string) => at('golden-kernel-rs', name, 'delta')

/** Live file paths, normalised, sorted. */
function paths(s: Snapshot): string[] {
  return [...s.files.values()].map((a) => normalizePath(a.path)).sort()
}

describeShared(ROOT, 'Delta log replay on reference tables', () => {
  let sql: DuckDbSql
  beforeAll(async () => {
    sql = await DuckDbSql.open()
  })
  afterAll(() => sql.close())

  const refused: readonly [string, string[], new (...a: never[]) => Error, RegExp][] = [
    [
      'invalid protocol version',
      ['golden-kernel-rs', 'deltalog-invalid-protocol-version', 'delta'],
      UnsupportedFeatureError,
      /reader version 99/,
    ],
    [
      'no metaData',
      ['golden-kernel-rs', 'deltalog-state-reconstruction-without-metadata', 'delta'],
      InvalidLogError,
      /no metaData/,
    ],
    [
      'no protocol',
      ['golden-kernel-rs', 'deltalog-state-reconstruction-without-protocol', 'delta'],
      InvalidLogError,
      /no protocol/,
    ],
    [
      'checkpoint without metaData',
      [
        'golden-kernel-rs',
        'deltalog-state-reconstruction-from-checkpoint-missing-metadata',
        'delta',
      ],
      InvalidLogError,
      /no metaData/,
    ],
    [
      'checkpoint without protocol',
      [
        'golden-kernel-rs',
        'deltalog-state-reconstruction-from-checkpoint-missing-protocol',
        'delta',
      ],
      InvalidLogError,
      /no protocol/,
    ],
    [
      'no _delta_log',
      ['golden-kernel-rs', 'no-delta-log-folder', 'delta'],
      NotADeltaTableError,
      /not a Delta table/,
    ],
    [
      'versions not contiguous',
      ['golden-kernel-rs', 'versions-not-contiguous', 'delta'],
      InvalidLogError,
      /commit 1 is missing/,
    ],
    [
      'commit missing after checkpoint',
      ['delta-rs', 'data_err_logs', 'table_c'],
      InvalidLogError,
      /commit 12 is missing/,
    ],
    [
      'catalogOwned (d)',
      ['delta-rs', 'data_err_logs', 'table_d'],
      UnsupportedFeatureError,
      /catalogOwned/,
    ],
    [
      'catalogOwned (e)',
      ['delta-rs', 'data_err_logs', 'table_e'],
      UnsupportedFeatureError,
      /catalogOwned/,
    ],
    [
      'catalogOwned (f)',
      ['delta-rs', 'data_err_logs', 'table_f'],
      UnsupportedFeatureError,
      /catalogOwned/,
    ],
    [
      'catalogOwned (h)',
      ['delta-rs', 'data_err_logs', 'table_h'],
      UnsupportedFeatureError,
      /catalogOwned/,
    ],
    [
      'catalogOwned (i)',
      ['delta-rs', 'data_err_logs', 'table_i'],
      UnsupportedFeatureError,
      /catalogOwned/,
    ],
    [
      'catalogManaged',
      ['kernel-rs-data', 'catalog_managed_0'],
      UnsupportedFeatureError,
      /catalogManaged/,
    ],
    [
      'catalogManaged preview',
      ['delta-spark', 'kernel-defaults', 'catalog-owned-preview'],
      UnsupportedFeatureError,
      /catalogManaged/,
    ],
    [
      'variantType',
      ['delta-rs', 'spark-variant-stable-feature-checkpoint'],
      UnsupportedFeatureError,
      /variantType/,
    ],
    [
      'variantType-preview',
      ['kernel-rs-data', 'unshredded-variant'],
      UnsupportedFeatureError,
      /variantType-preview/,
    ],
    [
      'variant shredding',
      ['delta-rs', 'spark-shredded-variant-preview-delta'],
      UnsupportedFeatureError,
      /variantShredding-preview/,
    ],
    ['geospatial', ['kernel-rs-data', 'table-with-geo'], UnsupportedFeatureError, /geospatial/],
    [
      'reader version 5 with unknown features',
      ['delta-rs', 'simple_table_features'],
      UnsupportedFeatureError,
      /reader version 5/,
    ],
    [
      'only a malformed .crc',
      ['kernel-rs-data', 'crc-malformed'],
      NotADeltaTableError,
      /not a Delta table/,
    ],
  ]
  for (const [what, path, type, message] of refused) {
    it(`refuses a table with ${what}`, async () => {
      const err = await loadSnapshot(at(...path), { sql }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(type)
      expect(String((err as Error).message)).toMatch(message)
      expect(String((err as Error).message)).toContain(sharedPath(ROOT, ...path))
    })
  }

  it('reads the checkpoint table at version 14 from its checkpoint', async () => {
    const s = await loadSnapshot(golden('checkpoint'), { sql })
    expect(s.version).toBe(14)
    expect(s.checkpointVersion).toBe(10)
    expect(s.lastCheckpointHint).toBe('used')
  })

  for (const c of ['normal-a', 'normal-b', 'special-a', 'special-b']) {
    it(`cancels a file: add with a remove of the same normalised path (canonicalized-paths-${c})`, async () => {
      const s = await loadSnapshot(golden(`canonicalized-paths-${c}`), { sql })
      expect(s.version).toBe(1)
      expect(s.files.size).toBe(0)
      expect(s.tombstones.size).toBe(1)
    })
  }

  it('keeps the newest add of a re-added file (delete-re-add-same-file-different-transactions)', async () => {
    const s = await loadSnapshot(golden('delete-re-add-same-file-different-transactions'), { sql })
    expect(paths(s)).toEqual(['bar', 'foo'])
    expect(s.files.get('foo')?.modificationTime).toBe(1700000000000)
  })

  it('decodes special characters in file names once (log-replay-special-characters-b)', async () => {
    const s = await loadSnapshot(golden('log-replay-special-characters-b'), { sql })
    expect(paths(s)).toEqual(['special p@#h'])
  })

  it('keeps the latest txn version per app (deltalog-getChanges)', async () => {
    const s = await loadSnapshot(golden('deltalog-getChanges'), { sql })
    expect(s.txns.get('fakeAppId')).toBe(3)
  })

  it('expires app transactions older than delta.setTransactionRetentionDuration', async () => {
    const s = await loadSnapshot(at('kernel-rs-data', 'app-txn-with-last-updated'), { sql })
    expect([...s.txnActions.keys()].sort()).toEqual([
      'new_app_0',
      'new_app_1',
      'new_app_2',
      'old_app',
    ])
    expect([...s.txns.keys()]).toEqual(['new_app_0'])
    expect([...s.txnsAt(1500).keys()].sort()).toEqual([
      'new_app_0',
      'new_app_1',
      'new_app_2',
      'old_app',
    ])
  })

  it('ignores a corrupt _last_checkpoint and still uses the checkpoint', async () => {
    const s = await loadSnapshot(golden('corrupted-last-checkpoint-kernel'), { sql })
    expect(s.lastCheckpointHint).toBe('ignored')
    expect(s.checkpointVersion).toBe(10)
    expect(s.version).toBe(11)
  })

  it('finds a checkpoint without _last_checkpoint, and a newer one than a stale hint', async () => {
    const a = await loadSnapshot(at('kernel-rs-data', 'with_checkpoint_no_last_checkpoint'), {
      sql,
    })
    expect([a.lastCheckpointHint, a.checkpointVersion, a.version]).toEqual(['absent', 2, 3])
    const b = await loadSnapshot(at('delta-rs', 'table_failed_last_checkpoint_update'), { sql })
    expect([b.checkpointVersion, b.version]).toEqual([3, 3])
  })

  it('falls back to an older checkpoint when the newest one is unreadable', async () => {
    const src = sharedPath(ROOT, 'delta-spark', 'kernel-defaults', 'basic-dv-with-checkpoint')
    const copy = copyToTemp(src)
    try {
      const cp = join(copy.path, '_delta_log', '00000000000000000040.checkpoint.parquet')
      chmodSync(cp, 0o644)
      writeFileSync(cp, 'not parquet')
      const intact = await loadSnapshot(new LocalObjectStore(src), { sql })
      const broken = await loadSnapshot(new LocalObjectStore(copy.path), { sql })
      expect(broken.checkpointVersion).toBe(30)
      expect([...broken.files.keys()].sort()).toEqual([...intact.files.keys()].sort())
    } finally {
      copy.cleanup()
    }
  })

  it('opens data_err_logs table_a and table_b (a gap before the checkpoint is fine)', async () => {
    expect((await loadSnapshot(at('delta-rs', 'data_err_logs', 'table_a'), { sql })).version).toBe(
      13,
    )
    expect((await loadSnapshot(at('delta-rs', 'data_err_logs', 'table_b'), { sql })).version).toBe(
      13,
    )
  })

  it('ignores uncommitted files in _delta_log/.tmp (simple_table latest is 4)', async () => {
    const store = at('delta-rs', 'simple_table')
    const latest = await loadSnapshot(store, { sql })
    expect(latest.version).toBe(4)
    const ids = async (s: Snapshot) =>
      (await sql.all(`SELECT id FROM (${await scanSql(s, { sql })}) ORDER BY id`)).map((r) =>
        Number(r['id']),
      )
    expect(await ids(latest)).toEqual([5, 7, 9])
    expect(await ids(await loadSnapshot(store, { sql, version: 0 }))).toEqual([0, 1, 2, 3, 4])
  })

  it('loads checkpoints_vacuumed from version 5 on and refuses older versions', async () => {
    const store = at('delta-rs', 'checkpoints_vacuumed')
    expect((await loadSnapshot(store, { sql })).version).toBe(12)
    for (const v of [5, 9, 10, 12])
      expect((await loadSnapshot(store, { sql, version: v })).version).toBe(v)
    await expect(loadSnapshot(store, { sql, version: 4 })).rejects.toThrow(/cleaned up/)
  })

  it('replays delta-0.2.0 and delta-0.8.0 version by version as delta-rs does', async () => {
    const t = at('delta-rs', 'delta-0.2.0')
    expect(paths(await loadSnapshot(t, { sql, version: 0 }))).toEqual([
      'part-00000-b44fcdb0-8b06-4f3a-8606-f8311a96f6dc-c000.snappy.parquet',
      'part-00001-185eca06-e017-4dea-ae49-fc48b973e37e-c000.snappy.parquet',
    ])
    const v2 = await loadSnapshot(t, { sql, version: 2 })
    expect(paths(v2)).toEqual([
      'part-00000-7c2deba3-1994-4fb8-bc07-d46c948aa415-c000.snappy.parquet',
      'part-00001-c373a5bd-85f0-4758-815e-7eb62007a15c-c000.snappy.parquet',
    ])
    const values = await sql.all(`SELECT value FROM (${await scanSql(v2, { sql })}) ORDER BY 1`)
    expect(values.map((r) => Number(r['value']))).toEqual([1, 2, 3])
    expect((await loadSnapshot(t, { sql, version: 3 })).files.size).toBe(3)
    const e = await loadSnapshot(at('delta-rs', 'delta-0.8.0'), { sql })
    expect(e.version).toBe(1)
    expect(
      [...e.tombstones.values()].map((r) => [normalizePath(r.path), r.deletionTimestamp]),
    ).toEqual([
      ['part-00001-911a94a2-43f6-4acb-8620-5e68c2654989-c000.snappy.parquet', 1615043776198],
    ])
  })

  it('matches the remaining delta-rs/EXPECTED.md facts (0.8.0 stats, partitioned rows, cdc, date)', async () => {
    const e = await loadSnapshot(at('delta-rs', 'delta-0.8.0'), { sql })
    const stats = [...e.files.values()].map(
      (a) => JSON.parse(a.stats ?? '{}') as Record<string, unknown>,
    )
    expect(stats.reduce((n, x) => n + Number(x['numRecords']), 0)).toBe(4)
    expect(stats.every((x) => (x['nullCount'] as Record<string, number>)['value'] === 0)).toBe(true)
    const p = await loadSnapshot(at('delta-rs', 'delta-0.8.0-partitioned'), { sql })
    expect(p.metadata.id).toBe('fe5a3c11-30d4-4dd7-b115-a1c121e66a4e')
    expect(p.metadata.createdTime).toBe(1615555644515)
    expect([...p.files.values()].map((a) => a.size).sort()).toEqual([407, 414, 414, 414, 414, 414])
    const rows = await sql.all(
      `SELECT value || ',' || year || ',' || month || ',' || day AS r FROM (${await scanSql(p, { sql })}) ORDER BY r`,
    )
    expect(rows.map((r) => r['r'])).toEqual([
      '1,2020,1,1',
      '2,2020,2,3',
      '3,2020,2,5',
      '4,2021,4,5',
      '5,2021,12,4',
      '6,2021,12,20',
      '7,2021,12,20',
    ])
    const cdc = await loadSnapshot(at('delta-rs', 'simple_table_with_cdc'), { sql })
    const c = await sql.all(`SELECT id, name FROM (${await scanSql(cdc, { sql })})`)
    expect(c.map((r) => [Number(r['id']), r['name']])).toEqual([[0, 'Mino']])
    const d = await loadSnapshot(at('delta-rs', 'delta-0.8.0-date'), { sql })
    const first = await sql.all(
      `SELECT CAST(min(date) AS VARCHAR) AS d FROM (${await scanSql(d, { sql })})`,
    )
    expect(first[0]?.['d']).toBe('2021-01-01')
  })

  it('returns each row with its file and row index, deleted rows excluded (withFileInfo)', async () => {
    const s = await loadSnapshot(at('kernel-rs-data', 'table-with-dv-small'), { sql })
    const [live] = [...s.files.values()]
    expect(live?.deletionVector?.cardinality).toBe(2)
    const rows = await sql.all(
      `SELECT "__delta_file" AS f, "__delta_row" AS r FROM (${await scanSql(s, { sql, withFileInfo: true })}) ORDER BY r`,
    )
    expect(new Set(rows.map((r) => r['f']))).toEqual(new Set([live?.path]))
    expect(rows.map((r) => Number(r['r']))).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })

  const pruned = async (path: string[], filter: ScanFilter) => {
    const s = await loadSnapshot(at(...path), { sql })
    return planScan(s, filter)
      .files.map((f) => normalizePath(f.add.path))
      .sort()
  }

  it('prunes files by partition values (delta-0.8.0-partitioned, -null-partition, -special-partition)', async () => {
    const part = ['delta-rs', 'delta-0.8.0-partitioned']
    const feb = await pruned(part, {
      op: 'and',
      filters: [
        { op: '=', column: 'month', value: '2' },
        { op: '=', column: 'year', value: '2020' },
      ],
    })
    expect(feb).toEqual([
      'year=2020/month=2/day=3/part-00000-94d16827-f2fd-42cd-a060-f67ccc63ced9.c000.snappy.parquet',
      'year=2020/month=2/day=5/part-00000-89cdd4c8-2af7-4add-8ea3-3990b2f027b5.c000.snappy.parquet',
    ])
    expect(await pruned(part, { op: '!=', column: 'month', value: '2' })).toHaveLength(4)
    const nul = ['delta-rs', 'delta-0.8.0-null-partition']
    expect(await pruned(nul, { op: '=', column: 'k', value: 'A' })).toEqual([
      'k=A/part-00000-b1f1dbbb-70bc-4970-893f-9bb772bf246e.c000.snappy.parquet',
    ])
    expect(await pruned(nul, { op: 'is-null', column: 'k' })).toEqual([
      'k=__HIVE_DEFAULT_PARTITION__/part-00001-8474ac85-360b-4f58-b3ea-23990c71b932.c000.snappy.parquet',
    ])
    const sp = ['delta-rs', 'delta-0.8.0-special-partition']
    expect(await pruned(sp, { op: '=', column: 'x', value: 'A/A' })).toEqual([
      'x=A%2FA/part-00007-b350e235-2832-45df-9918-6cab4f7578f7.c000.snappy.parquet',
    ])
    expect(await pruned(sp, { op: '=', column: 'x', value: 'B B' })).toEqual([
      'x=B%20B/part-00015-e9abbc6f-85e9-457b-be8e-e9f5b8a22890.c000.snappy.parquet',
    ])
    expect(await pruned(sp, { op: '=', column: 'x', value: 'c' })).toEqual([])
    const num = ['delta-rs', 'delta-0.8.0-numeric-partition']
    expect(await pruned(num, { op: '<=', column: 'x', value: 9 })).toHaveLength(1)
    expect(await pruned(num, { op: '<', column: 'y', value: 10.0 })).toHaveLength(1)
  })

  it('prunes by min/max stats beyond year 2262 (table_with_edge_timestamps)', async () => {
    const t = ['delta-rs', 'table_with_edge_timestamps']
    expect(
      await pruned(t, { op: '=', column: 'BIG_DATE', value: '9999-12-31T00:00:00Z' }),
    ).toHaveLength(1)
    const s = await loadSnapshot(at(...t), { sql })
    const rows = await sql.all(
      `SELECT CAST(BIG_DATE AS VARCHAR) AS b FROM (${await scanSql(s, { sql })}) ORDER BY SOME_VALUE`,
    )
    expect(rows.map((r) => r['b'])).toEqual(['9999-12-31 00:00:00+00', '9999-12-30 00:00:00+00'])
  })

  it('reads special partition values back as raw strings and an empty table as zero rows', async () => {
    const s = await loadSnapshot(at('delta-rs', 'delta-0.8.0-special-partition'), { sql })
    const xs = await sql.all(`SELECT DISTINCT x FROM (${await scanSql(s, { sql })}) ORDER BY x`)
    expect(xs.map((r) => r['x'])).toEqual(['A/A', 'B B'])
    const empty = await loadSnapshot(at('delta-rs', 'delta-0.8-empty'), { sql })
    const q = await scanSql(empty, { sql })
    expect(await countRows(sql, q)).toBe(0)
    expect((await sql.all(`DESCRIBE ${q}`)).map((r) => r['column_name'])).toEqual(['column'])
  })

  it('reads ISO-8601 UTC timestamp partition values (kernel-timestamp-partition-col-ISO8601)', async () => {
    const s = await loadSnapshot(
      at('delta-spark', 'golden', 'kernel-timestamp-partition-col-ISO8601'),
      { sql },
    )
    const rows = await sql.all(
      `SELECT strftime(ts, '%Y-%m-%d %H:%M:%S') AS t, str FROM (${await scanSql(s, { sql })}) ORDER BY str`,
    )
    expect(rows).toHaveLength(2)
    for (const r of rows) expect(r['t']).toBe(r['str'])
  })

  it('counts 1,111,930 rows in COVID-19_NYT', async () => {
    const s = await loadSnapshot(at('delta-rs', 'COVID-19_NYT'), { sql })
    expect(await countRows(sql, await scanSql(s, { sql, columns: ['date'] }))).toBe(1111930)
  })

  it('lists history newest first with operations', async () => {
    const h = await history(at('delta-rs', 'delta-0.8.0-partitioned'))
    expect(h).toHaveLength(1)
    const five = await history(at('delta-rs', 'simple_table_with_checkpoint'), { limit: 5 })
    expect(five.map((e) => e.version)).toEqual([10, 9, 8, 7, 6])
    expect(five.every((e) => typeof e.operation === 'string' && e.timestamp > 0)).toBe(true)
  })

  it('uses in-commit timestamps for history when commits carry them (cdc_ict_table)', async () => {
    const h = await history(at('delta-rs', 'cdc_ict_table'))
    for (const e of h) expect(e.timestamp).toBe(e.commitInfo.inCommitTimestamp)
    const s = await loadSnapshot(at('delta-rs', 'cdc_ict_table'), { sql })
    expect(await s.commitTimestamp(1)).toBe(
      h.find((e) => e.version === 1)?.commitInfo.inCommitTimestamp,
    )
  })

  it('reads paths of add actions relative to the table with URI decoding once', () => {
    expect(normalizePath('x=A%252FA/f.parquet')).toBe('x=A%2FA/f.parquet')
    expect(normalizePath('file:/some/with%20space/p@%23h')).toBe('/some/with space/p@#h')
    expect(normalizePath('file:///a/b')).toBe('/a/b')
    expect(join('a', normalizePath('b%20c'))).toBe('a/b c')
  })
})
