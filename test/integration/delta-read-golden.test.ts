/**
 * Read conformance, the DAT pattern (shared/delta-tables/README.md §1): every golden table with
 * `expected/` is opened at its latest version with pitwall's reader, scanned through DuckDB, and
 * compared with DuckDB reading the expected Parquet — same column names in order, same rows as
 * multisets.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { LocalObjectStore, loadSnapshot, scanSql, sqlString } from '../../src/lake/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { DuckDbSql, columnNames, countRows, multisetDiff } from './delta-read-support.js'

const GOLDEN = 'delta-tables/golden-kernel-rs'

/** Upstream traps (README §1) with the reason they differ; asserted separately below. */
const KNOWN_DIFFERENT: Readonly<Record<string, string>> = {
  'data-reader-partition-values':
    'zone-less timestamp partition values are read as UTC; Spark wrote them in America/Los_Angeles',
}

describeShared(GOLDEN, 'Delta reader on golden tables (DAT pattern)', () => {
  let sql: DuckDbSql
  beforeAll(async () => {
    sql = await DuckDbSql.open()
  })
  afterAll(() => sql.close())

  const root = sharedPath(GOLDEN)
  const cases = existsSync(root)
    ? readdirSync(root).filter(
        (c) => existsSync(join(root, c, 'expected')) && existsSync(join(root, c, 'delta')),
      )
    : []

  it('finds the golden cases with expected data', () => {
    expect(cases.length).toBeGreaterThanOrEqual(70)
  })

  for (const name of cases) {
    if (KNOWN_DIFFERENT[name] !== undefined) continue
    it(`reads ${name} like the expected Parquet`, async () => {
      const snapshot = await loadSnapshot(new LocalObjectStore(join(root, name, 'delta')), { sql })
      const ours = await scanSql(snapshot, { sql })
      const expected = `SELECT * FROM read_parquet(${sqlString(join(root, name, 'expected', '**', '*.parquet'))})`
      expect(await columnNames(sql, ours)).toEqual(await columnNames(sql, expected))
      expect(await countRows(sql, ours)).toBe(await countRows(sql, expected))
      expect(await multisetDiff(sql, ours, expected)).toBe(0)
    })
  }

  it('reads zone-less timestamp partition values as UTC (data-reader-partition-values)', async () => {
    const name = 'data-reader-partition-values'
    const snapshot = await loadSnapshot(new LocalObjectStore(join(root, name, 'delta')), { sql })
    const ours = await scanSql(snapshot, { sql })
    const expected = `SELECT * FROM read_parquet(${sqlString(join(root, name, 'expected', '**', '*.parquet'))})`
    // Spark wrote '2021-09-08 11:11:11' in America/Los_Angeles (UTC-7 in September); the log does
    // not record the zone, so pitwall reads UTC: everything else equal, the instant is 7 h earlier.
    expect(await multisetDiff(sql, ours, expected)).toBeGreaterThan(0)
    const shifted = `SELECT * REPLACE (as_timestamp + INTERVAL 7 HOUR AS as_timestamp) FROM (${ours})`
    expect(await multisetDiff(sql, shifted, expected)).toBe(0)
  })
})
