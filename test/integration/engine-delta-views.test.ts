/**
 * The DuckDB engine exposes Delta tables as `catalog.schema.table` views over their current
 * snapshot and follows new commits made by someone else (here: commit files appearing on disk).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { discoverTables, formatTableName } from '../../src/catalog/index.js'
import { DeltaViews, DuckDbEngine, LakehouseEngine } from '../../src/engine/index.js'
import { objectStoreFor } from '../../src/lake/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { copyToTemp } from '../helpers/tmp.js'

const CATALOG = 'dev_f1_data_analytics'
const V0_FILES = [
  'part-00000-c9b90f86-73e6-46c8-93ba-ff6bfaf892a1-c000.snappy.parquet',
  'part-00001-911a94a2-43f6-4acb-8620-5e68c2654989-c000.snappy.parquet',
]
const V1_FILES = [
  'part-00000-c9b90f86-73e6-46c8-93ba-ff6bfaf892a1-c000.snappy.parquet',
  'part-00000-04ec9591-0b73-459e-8d18-ba5711d6cbe1-c000.snappy.parquet',
]
const LATER = ['00000000000000000001.json']

describeShared('delta-tables', 'DuckDB Delta views', () => {
  let home: { path: string; cleanup: () => void }
  let engine: LakehouseEngine
  let table: string

  beforeEach(async () => {
    home = copyToTemp(sharedPath('delta-tables', 'delta-rs', 'delta-0.8.0'), 'src')
    table = join(home.path, '..', CATALOG, 'bronze_raw', 'delta_080')
    mkdirSync(join(table, '..'), { recursive: true })
    renameSync(home.path, table)
    mkdirSync(join(home.path, '..', 'later'))
    for (const f of LATER)
      renameSync(join(table, '_delta_log', f), join(home.path, '..', 'later', f))
    const duck = await DuckDbEngine.create()
    const lakeHome = join(home.path, '..')
    engine = new LakehouseEngine(duck, new DeltaViews(duck, objectStoreFor), {
      discover: () => discoverTables(lakeHome, [CATALOG]).map((t) => ({ ...t.name, path: t.path })),
    })
  })

  afterEach(async () => {
    await engine.close()
    home.cleanup()
  })

  /** The rows of `files` read straight with read_parquet, as the independent expectation. */
  const plainRows = async (files: readonly string[]): Promise<unknown[]> => {
    const list = files.map((f) => `'${join(table, f)}'`).join(', ')
    return engine.all(`SELECT * FROM read_parquet([${list}]) ORDER BY ALL`)
  }

  it('reads a table by its three-level name and follows commits made after the first query', async () => {
    expect(
      discoverTables(join(home.path, '..'), [CATALOG]).map((t) => formatTableName(t.name)),
    ).toEqual([`${CATALOG}.bronze_raw.delta_080`])
    const name = `${CATALOG}.bronze_raw.delta_080`
    const before = await engine.all(`SELECT * FROM ${name} ORDER BY ALL`)
    expect(before).toEqual(await plainRows(V0_FILES))
    expect(before.length).toBeGreaterThan(0)

    for (const f of LATER)
      renameSync(join(home.path, '..', 'later', f), join(table, '_delta_log', f))
    const after = await engine.all(`SELECT * FROM ${name} ORDER BY ALL`)
    expect(after).toEqual(await plainRows(V1_FILES))
    expect(after).not.toEqual(before)
  })

  it('resolves every schema of an environment, and drops views of deleted tables', async () => {
    const result = await engine.query(
      `SELECT schema_name FROM information_schema.schemata WHERE catalog_name = '${CATALOG}' ORDER BY 1`,
    )
    expect(result.rows.map((r) => r['schema_name'])).toContain('bronze_raw')
    renameSync(table, join(home.path, '..', 'gone'))
    await expect(engine.query(`SELECT * FROM ${CATALOG}.bronze_raw.delta_080`)).rejects.toThrow(
      /delta_080/,
    )
  })

  it('serves the views in sandbox mode, where files outside the lakehouse are off limits', async () => {
    const lakeHome = join(home.path, '..')
    const duck = await DuckDbEngine.create({ sandbox: { allowedDirectories: [lakeHome] } })
    const sandboxed = new LakehouseEngine(duck, new DeltaViews(duck, objectStoreFor), {
      discover: () => discoverTables(lakeHome, [CATALOG]).map((t) => ({ ...t.name, path: t.path })),
    })
    try {
      const rows = await sandboxed.all(`SELECT * FROM ${CATALOG}.bronze_raw.delta_080 ORDER BY ALL`)
      expect(rows).toEqual(await plainRows(V0_FILES))
      await expect(sandboxed.all(`SELECT * FROM read_text('/etc/hostname')`)).rejects.toThrow(
        /Permission|disabled/,
      )
    } finally {
      await sandboxed.close()
    }
  })

  it('keeps serving the other tables when one table cannot be read, and says which', async () => {
    const broken = join(home.path, '..', CATALOG, 'silver_clean', 'broken', '_delta_log')
    mkdirSync(broken, { recursive: true })
    writeFileSync(join(broken, '00000000000000000000.json'), '{"this is": not a delta log\n')
    const rows = await engine.all(`SELECT * FROM ${CATALOG}.bronze_raw.delta_080 ORDER BY ALL`)
    expect(rows).toEqual(await plainRows(V0_FILES))
    expect(engine.lastSyncResult().failed).toEqual([
      expect.objectContaining({ table: `${CATALOG}.silver_clean.broken` }),
    ])
  })
})
