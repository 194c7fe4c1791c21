import { afterEach, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  deleteRows,
  mergeTable,
  optimizeTable,
  LocalObjectStore,
  loadSnapshot,
  vacuumTable,
  writeCheckpoint,
  writeTable,
  CHECKPOINT_COLUMNS,
  scanSql,
} from '../../src/lake/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { copyToTemp } from '../helpers/tmp.js'
import { plain, readBack, tableFixture, type TableFixture } from './delta-write-helpers.js'

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

async function fixtureOf(sub: string): Promise<TableFixture> {
  const copy = copyToTemp(sharedPath('delta-tables', sub))
  const fx = await tableFixture(copy.path)
  cleanups.push(() => fx.close(), copy.cleanup)
  return fx
}

describeShared('delta-tables', 'delta writer against the shared tables', () => {
  it('VACUUM of snapshot-repartitioned with retention 0 (forced) leaves exactly the 2 live files', async () => {
    const fx = await fixtureOf('golden-kernel-rs/snapshot-repartitioned/delta')
    await expect(vacuumTable({ ...fx, retentionHours: 0 })).rejects.toThrow(
      /at least 168 hours.*got 0 hours/,
    )
    const r = await vacuumTable({ ...fx, retentionHours: 0, enforceRetention: false })
    expect(r.metrics.numFilesDeleted).toBe(9)
    const left = readdirSync(fx.dir)
      .filter((f) => f.endsWith('.parquet'))
      .sort()
    expect(left).toEqual([
      'part-00000-f95c1140-7256-4bfa-b651-e7a7eb6208bb-c000.snappy.parquet',
      'part-00001-0b5675f1-d9b2-4240-914f-250ae37e8fa4-c000.snappy.parquet',
    ])
    expect(readdirSync(join(fx.dir, '_delta_log')).length).toBeGreaterThan(5)
  })

  it('VACUUM dry run of delta-0.2.0 with 169 h lists the 4 known files and refuses 167 h', async () => {
    const fx = await fixtureOf('delta-rs/delta-0.2.0')
    const r = await vacuumTable({ ...fx, retentionHours: 169, dryRun: true })
    expect(r.metrics.filesDeleted).toEqual([
      'part-00000-512e1537-8aaa-4193-b8b4-bef3de0de409-c000.snappy.parquet',
      'part-00000-b44fcdb0-8b06-4f3a-8606-f8311a96f6dc-c000.snappy.parquet',
      'part-00001-185eca06-e017-4dea-ae49-fc48b973e37e-c000.snappy.parquet',
      'part-00001-4327c977-2734-4477-9507-7ccf67924649-c000.snappy.parquet',
    ])
    expect(readdirSync(fx.dir).filter((f) => f.endsWith('.parquet')).length).toBe(7)
    await expect(vacuumTable({ ...fx, retentionHours: 167, dryRun: true })).rejects.toThrow(
      /vacuum retention must be at least 168 hours .*, got 167 hours/,
    )
  })

  it('a checkpoint written for delta-rs/checkpoints replays to the same adds and has the spec schema', async () => {
    const fx = await fixtureOf('delta-rs/checkpoints')
    const fromJson = await loadSnapshot(fx.store, { sql: fx.executor })
    const written = await writeCheckpoint(fromJson, fx.executor)
    expect(written.version).toBe(fromJson.version)
    const hint = JSON.parse(
      readFileSync(join(fx.dir, '_delta_log', '_last_checkpoint'), 'utf8'),
    ) as { version: number }
    expect(hint.version).toBe(fromJson.version)
    const fromCheckpoint = await loadSnapshot(new LocalObjectStore(fx.dir), { sql: fx.executor })
    expect(fromCheckpoint.checkpointVersion).toBe(fromJson.version)
    expect([...fromCheckpoint.files.keys()].sort()).toEqual([...fromJson.files.keys()].sort())
    expect(fromCheckpoint.metadata.schemaString).toBe(fromJson.metadata.schemaString)
    const file = join(
      fx.dir,
      '_delta_log',
      `${String(fromJson.version).padStart(20, '0')}.checkpoint.parquet`,
    )
    const described = await fx.executor.all(`DESCRIBE SELECT * FROM read_parquet('${file}')`)
    const types = Object.fromEntries(
      described.map((r) => [String(r['column_name']), String(r['column_type'])]),
    )
    for (const [col, type] of Object.entries(CHECKPOINT_COLUMNS)) {
      if (col === 'domainMetadata') continue
      expect(types[col]?.replaceAll('"', '')).toBe(
        type.replaceAll('"', '').replaceAll('TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE'),
      )
    }
    const adds = await fx.executor.all(
      `SELECT count(*) AS n FROM read_parquet('${file}') WHERE add IS NOT NULL`,
    )
    expect(Number(adds[0]?.['n'])).toBe(fromJson.files.size)
  })

  it('writes the all-types rows with the same stats as Spark (stats-writing-all-types)', async () => {
    const src = sharedPath('delta-tables', 'kernel-rs-data', 'stats-writing-all-types', 'delta')
    const fx = await tableFixture()
    cleanups.push(() => fx.close())
    const sparkSnap = await loadSnapshot(new LocalObjectStore(src), { sql: fx.executor })
    const phys = new Map<string, string>()
    const walk = (
      fields: readonly {
        name: string
        type: unknown
        metadata: Readonly<Record<string, unknown>>
      }[],
    ): void => {
      for (const f of fields) {
        phys.set(String(f.metadata['delta.columnMapping.physicalName']), f.name)
        const t = f.type as { type?: string; fields?: typeof fields }
        if (typeof t === 'object' && t.type === 'struct' && t.fields !== undefined) walk(t.fields)
      }
    }
    walk(sparkSnap.schema.fields)
    const withData = sparkSnap.addActions.find(
      (a) => (JSON.parse(a.stats ?? '{}') as { numRecords: number }).numRecords > 0,
    )
    expect(withData).toBeDefined()
    const rows = await scanSql(sparkSnap, { sql: fx.executor })
    await writeTable({ ...fx, sql: rows })
    const ours = (await loadSnapshot(fx.store)).addActions
    expect(ours.length).toBe(1)
    const rename = (v: unknown): unknown => {
      if (typeof v !== 'object' || v === null) return v
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [phys.get(k) ?? k, rename(x)]))
    }
    const spark = rename(JSON.parse(withData?.stats ?? '{}')) as Record<string, unknown>
    const mine = JSON.parse(ours[0]?.stats ?? '{}') as Record<string, unknown>
    for (const key of ['numRecords', 'minValues', 'maxValues', 'nullCount'])
      expect(mine[key]).toEqual(spark[key])
  })

  it('deletes from a table with a deletion vector without resurrecting its deleted rows', async () => {
    const fx = await fixtureOf('kernel-rs-data/table-with-dv-small')
    const before = await loadSnapshot(fx.store, { sql: fx.executor })
    const dv = before.addActions[0]?.deletionVector
    expect(dv?.cardinality).toBe(2)
    const r = await deleteRows({ ...fx, predicate: 'value = 5' })
    expect(r.metrics.numDeletedRows).toBe(1)
    expect(plain(await readBack(fx, 'value')).map((x) => x['value'])).toEqual([1, 2, 3, 4, 6, 7, 8])
    const commit = readFileSync(
      join(fx.dir, '_delta_log', `${String(r.version).padStart(20, '0')}.json`),
      'utf8',
    )
    const remove = commit
      .split('\n')
      .map((l) => (l === '' ? {} : (JSON.parse(l) as Record<string, unknown>)))
      .find((a) => 'remove' in a)
    // The remove repeats the DV of the file it removes, otherwise it would not cancel that add.
    expect((remove?.['remove'] as { deletionVector?: unknown }).deletionVector).toEqual(dv)
    const after = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(
      after.addActions.every((a) => a.deletionVector === undefined || a.deletionVector === null),
    ).toBe(true)
    await mergeTable({
      ...fx,
      keys: ['value'],
      sql: `SELECT * FROM (VALUES (0), (3), (10)) s(value)`,
    })
    expect(plain(await readBack(fx, 'value')).map((x) => x['value'])).toEqual([
      0, 1, 2, 3, 4, 6, 7, 8, 10,
    ])
  })

  it('OPTIMIZE materialises a deletion vector (the new file has no DV and no deleted rows)', async () => {
    const fx = await fixtureOf('kernel-rs-data/table-with-dv-small')
    const r = await optimizeTable({ ...fx })
    expect(r.metrics.numFilesRemoved).toBe(1)
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(snap.addActions.map((a) => a.deletionVector ?? null)).toEqual([null])
    expect(snap.addActions.map((a) => a.dataChange)).toEqual([false])
    expect(plain(await readBack(fx, 'value')).map((x) => x['value'])).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ])
  })

  it('appends to and deletes from a Spark-written partitioned table; the reader agrees with the stats', async () => {
    const fx = await fixtureOf('delta-rs/delta-0.8.0-partitioned')
    await writeTable({
      ...fx,
      sql: `SELECT '8' AS value, '2022' AS year, '1' AS month, '1' AS day`,
    })
    await deleteRows({ ...fx, predicate: `month = '2'` })
    const rows = plain(await readBack(fx, 'value'))
    expect(rows.map((x) => x['value'])).toEqual(['1', '4', '5', '6', '7', '8'])
    const snap = await loadSnapshot(fx.store, { sql: fx.executor })
    // Spark 0.8 wrote no stats; the file pitwall added carries them.
    const ours = snap.addActions.find((a) => a.partitionValues['year'] === '2022')
    expect(JSON.parse(ours?.stats ?? '{}')).toEqual({
      numRecords: 1,
      minValues: { value: '8' },
      maxValues: { value: '8' },
      nullCount: { value: 0 },
    })
    expect(snap.addActions.find((a) => a.partitionValues['year'] === '2022')?.path).toMatch(
      /^year=2022\/month=1\/day=1\/part-/,
    )
  })

  it('appends to a table with in-commit timestamps, stamping a strictly later inCommitTimestamp first', async () => {
    const fx = await fixtureOf('delta-rs/cdc_ict_table')
    const before = await loadSnapshot(fx.store, { sql: fx.executor })
    const prevIct = await before.commitTimestamp(before.version)
    const rows = await fx.executor.all(`DESCRIBE ${await scanSql(before, { sql: fx.executor })}`)
    const cols = rows.map(
      (r) => `NULL::${String(r['column_type'])} AS "${String(r['column_name'])}"`,
    )
    const r = await writeTable({ ...fx, sql: `SELECT ${cols.join(', ')}` })
    const lines = readFileSync(
      join(fx.dir, '_delta_log', `${String(r.version).padStart(20, '0')}.json`),
      'utf8',
    ).split('\n')
    const info = (JSON.parse(lines[0] ?? '{}') as { commitInfo: { inCommitTimestamp: number } })
      .commitInfo
    expect(info.inCommitTimestamp).toBeGreaterThan(prevIct)
    const after = await loadSnapshot(fx.store, { sql: fx.executor })
    expect(await after.commitTimestamp(r.version)).toBe(info.inCommitTimestamp)
    expect(after.protocol).toEqual(before.protocol)
  })

  it('encodes partition paths exactly as partition-path-encoding.csv', async () => {
    const csv = readFileSync(
      sharedPath(
        'delta-tables',
        'kernel-rs-data',
        '_expected',
        'writer',
        'partition-path-encoding.csv',
      ),
      'utf8',
    )
    const cases = csv
      .split('\n')
      .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('case,'))
      .map((l) => {
        const m = /^([^,]+),"(.*)",([^,]*),([^,]*)$/.exec(l)
        if (m === null) throw new Error(`bad CSV line ${l}`)
        return {
          name: m[1] ?? '',
          value: JSON.parse((m[2] ?? '').replaceAll('""', '"')) as string,
          prefix: m[3] ?? '',
        }
      })
    expect(cases.length).toBe(26)
    const fx = await tableFixture()
    cleanups.push(() => fx.close())
    // Control characters (NUL included) cannot sit inside a SQL string literal: spell them with chr().
    const literal = (v: string): string =>
      [...v]
        .map((ch) =>
          ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127
            ? `' || chr(${ch.charCodeAt(0)}) || '`
            : ch === "'"
              ? "''"
              : ch,
        )
        .join('')
    const values = cases.map((c, i) => `(${i}, '${literal(c.value)}')`).join(', ')
    await writeTable({
      ...fx,
      partitionColumns: ['p'],
      sql: `SELECT * FROM (VALUES ${values}) AS t(i, p)`,
    })
    const snap = await loadSnapshot(fx.store)
    for (const c of cases) {
      const add = snap.addActions.find((a) => a.partitionValues['p'] === c.value)
      expect(
        add?.path.startsWith(c.prefix),
        `${c.name}: ${add?.path} should start with ${c.prefix}`,
      ).toBe(true)
    }
  })
})
