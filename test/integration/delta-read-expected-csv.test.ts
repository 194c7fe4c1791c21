/**
 * Scans and change data feeds of the kernel-rs test tables compared with the expected CSVs
 * transcribed from delta-kernel-rs (shared/delta-tables/README.md §6, §7). Scan predicates there
 * only prune files (rows of kept files are returned unfiltered), so they are used for pruning
 * here too — which tests partition and stats pruning against kernel-rs's own answers.
 */
import { existsSync, readdirSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  LocalObjectStore,
  changesSql,
  history,
  loadSnapshot,
  planScan,
  scanSql,
  type ScanFilter,
} from '../../src/lake/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { DuckDbSql, diffWithCsv } from './delta-read-support.js'

const DATA = 'delta-tables/kernel-rs-data'

/** The file-skipping predicates of the scan CSVs (their `# predicate:` lines). */
const PREDICATES: Readonly<Record<string, ScanFilter>> = {
  'mixed-nulls__mixed_not_null': { op: 'is-not-null', column: 'n' },
  'mixed-nulls__mixed_null': { op: 'is-null', column: 'n' },
  'table-with-dv-small__with_predicate_and_removes': { op: '>', column: 'value', value: 3 },
}

function csvFiles(sub: string): string[] {
  const dir = sharedPath(DATA, '_expected', sub)
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.csv')) : []
}

describeShared(DATA, 'Delta reader against kernel-rs expected CSVs', () => {
  let sql: DuckDbSql
  beforeAll(async () => {
    sql = await DuckDbSql.open()
  })
  afterAll(() => sql.close())

  for (const file of csvFiles('scan')) {
    const name = file.replace(/\.csv$/, '')
    const table = name.split('__')[0] ?? ''
    it(`scans ${table} as ${name}`, async () => {
      const snapshot = await loadSnapshot(new LocalObjectStore(sharedPath(DATA, table)), { sql })
      const filter = PREDICATES[name]
      const plan = planScan(snapshot, filter)
      const ours = await scanSql(snapshot, { sql, plan })
      const { diff, expectedRows } = await diffWithCsv(
        sql,
        ours,
        sharedPath(DATA, '_expected', 'scan', file),
      )
      expect(diff).toBe(0)
      // Without pruning, the mixed-nulls cases would return the other partition's rows too.
      expect(plan.files.length + plan.prunedFiles).toBe(snapshot.files.size)
      expect(expectedRows).toBeGreaterThan(0)
    })
  }

  for (const file of csvFiles('cdf')) {
    const m = /^(.*)__v(\d+)-(\d+|latest)\.csv$/.exec(file)
    if (m === null) continue
    const [, table = '', start = '0', end = 'latest'] = m
    it(`reads the change data feed of ${table} v${start}-${end}`, async () => {
      const store = new LocalObjectStore(sharedPath(DATA, table))
      const ours = await changesSql(store, {
        sql,
        start: Number(start),
        ...(end === 'latest' ? {} : { end: Number(end) }),
      })
      const { diff, expectedRows } = await diffWithCsv(
        sql,
        ours,
        sharedPath(DATA, '_expected', 'cdf', file),
      )
      expect(diff).toBe(0)
      expect(expectedRows).toBeGreaterThan(0)
    })
  }

  it('refuses a change data feed over versions where it was not enabled', async () => {
    const store = new LocalObjectStore(sharedPath(DATA, 'basic_partitioned'))
    await expect(changesSql(store, { sql, start: 0 })).rejects.toThrow(
      /change data feed is not enabled at version 0/,
    )
  })

  it('stamps changes with the commit timestamps of their versions (in-commit timestamps)', async () => {
    const store = new LocalObjectStore(sharedPath('delta-tables', 'delta-rs', 'cdc_ict_table'))
    const h = new Map((await history(store)).map((e) => [e.version, e.timestamp]))
    const rows = await sql.all(
      `SELECT DISTINCT _commit_version AS v, epoch_ms(_commit_timestamp) AS ms FROM (${await changesSql(store, { sql, start: 0 })}) ORDER BY v`,
    )
    expect(rows.length).toBeGreaterThan(1)
    for (const r of rows) expect(Number(r['ms'])).toBe(h.get(Number(r['v'])))
  })

  it('refuses change data feed ranges with start after end or after the latest version', async () => {
    const store = new LocalObjectStore(sharedPath(DATA, 'cdf-table-simple'))
    await expect(changesSql(store, { sql, start: 1, end: 0 })).rejects.toThrow(
      /start version 1 is after end version 0/,
    )
    await expect(changesSql(store, { sql, start: 3 })).rejects.toThrow(
      /start version 3 is after the latest version 2/,
    )
  })
})
