/**
 * Invariants on every reference table (shared/delta-tables/README.md §9), including those without
 * expected data: the snapshot loads (or is refused with a typed Delta error for a stated reason);
 * live files exist on disk (or the fixture ships its log only); `count(*)` of the scan equals
 * Σ stats.numRecords − Σ deletion-vector cardinality; replay from the newest checkpoint equals
 * JSON-only replay when every commit is still there.
 */
import { existsSync } from 'node:fs'
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  DeltaError,
  LocalObjectStore,
  LogStore,
  fileLocation,
  loadSnapshot,
  parseStats,
  scanSql,
} from '../../src/lake/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { DuckDbSql, countRows, findTables } from './delta-read-support.js'

const ROOT = 'delta-tables'

/** Tables that must not open, and why (each is also a negative case elsewhere or a log fixture). */
const UNREADABLE: Readonly<Record<string, RegExp>> = {
  'delta-rs/data_err_logs/table_c': /commit 12 is missing/,
  'delta-rs/data_err_logs/table_d': /catalogOwned/,
  'delta-rs/data_err_logs/table_e': /catalogOwned/,
  'delta-rs/data_err_logs/table_f': /catalogOwned/,
  'delta-rs/data_err_logs/table_h': /catalogOwned/,
  'delta-rs/data_err_logs/table_i': /catalogOwned/,
  'delta-rs/simple_table_features': /reader version 5/,
  'delta-rs/spark-shredded-variant-preview-delta': /variant/,
  'delta-rs/spark-variant-checkpoint': /variantType-preview/,
  'delta-rs/spark-variant-stable-feature-checkpoint': /variantType/,
  'delta-spark/golden/spark-variant-checkpoint': /variantType-preview/,
  'delta-spark/kernel-defaults/catalog-owned-preview': /catalogManaged/,
  'kernel-rs-data/catalog_managed_0': /catalogManaged/,
  'kernel-rs-data/table-with-geo': /geospatial/,
  'kernel-rs-data/unshredded-variant': /variantType-preview/,
  'kernel-rs-data/crc-malformed': /not a Delta table/,
  // Log-reader fixtures of Spark's own tests: their metaData has no schemaString.
  'delta-spark/golden/corrupted-last-checkpoint': /no schemaString/,
  'golden-kernel-rs/deltalog-commit-info/delta': /no schemaString/,
  'golden-kernel-rs/update-deleted-directory/delta': /no schemaString/,
  // Written without a metaData action (a fixture for absolute paths only).
  'golden-kernel-rs/data-reader-absolute-paths-escaped-chars/delta': /no metaData/,
  'golden-kernel-rs/deltalog-invalid-protocol-version/delta': /reader version 99/,
  'golden-kernel-rs/deltalog-state-reconstruction-from-checkpoint-missing-metadata/delta':
    /no metaData/,
  'golden-kernel-rs/deltalog-state-reconstruction-from-checkpoint-missing-protocol/delta':
    /no protocol/,
  'golden-kernel-rs/deltalog-state-reconstruction-without-metadata/delta': /no metaData/,
  'golden-kernel-rs/deltalog-state-reconstruction-without-protocol/delta': /no protocol/,
  'golden-kernel-rs/versions-not-contiguous/delta': /commit 1 is missing/,
}

/**
 * Tables whose deletion vectors cannot be located by the protocol's rules: Spark's test suite wrote
 * them with a test-only file-name prefix (`test%dv%prefix-deletion_vector_…`) or a `p` path with
 * a `{{FOLDER_WITH_SPECIAL_CHAR}}` placeholder. Reading them must fail cleanly, not misread.
 */
const DV_FIXTURES: Readonly<Record<string, RegExp>> = {
  'delta-spark/spark-test-resources/partitioned-table-with-dv-large': /deletion_vector_.*\.bin/,
  'delta-spark/spark-test-resources/table-with-dv-large': /deletion_vector_.*\.bin/,
  'delta-spark/spark-test-resources/table-with-dv-small': /deletion_vector_.*\.bin/,
  'delta-spark/spark-test-resources/table-with-dv-special-char': /absolute deletion vector path/,
}

/** Fixtures whose checkpoint deliberately differs from their JSON commits. */
const CHECKPOINT_DIFFERS: Readonly<Record<string, string>> = {
  // kernel-rs's row-group-skipping fixture: the checkpoint schema has an extra column `missing`.
  'kernel-rs-data/parquet_row_group_skipping': 'schema',
}

describeShared(ROOT, 'Delta reader invariants on every reference table', () => {
  let sql: DuckDbSql
  beforeAll(async () => {
    sql = await DuckDbSql.open()
  })
  afterAll(() => sql.close())

  const root = sharedPath(ROOT)
  const tables = existsSync(root) ? findTables(root) : []

  it('finds the ~250 reference tables', () => {
    expect(tables.length).toBeGreaterThanOrEqual(200)
  })

  it('holds the invariants on every table', async () => {
    const failures: string[] = []
    let checkedCounts = 0
    let checkedReplays = 0
    for (const dir of tables) {
      const name = dir.slice(root.length + 1)
      const store = new LocalObjectStore(dir)
      const refused = UNREADABLE[name]
      let snapshot
      try {
        snapshot = await loadSnapshot(store, { sql })
      } catch (e) {
        if (!(e instanceof DeltaError)) failures.push(`${name}: untyped error ${String(e)}`)
        else if (refused === undefined || !refused.test(e.message))
          failures.push(`${name}: ${e.message}`)
        continue
      }
      if (refused !== undefined) failures.push(`${name}: opened but should be refused`)
      const adds = [...snapshot.files.values()]
      const missing = adds.filter((a) => !existsSync(fileLocation(snapshot, a.path))).length
      if (missing > 0 && missing !== adds.length)
        failures.push(`${name}: ${missing} of ${adds.length} files missing`)
      if (missing === 0) {
        const dvFixture = DV_FIXTURES[name]
        let rows: number | undefined
        try {
          rows = await countRows(sql, await scanSql(snapshot, { sql }))
          if (dvFixture !== undefined) failures.push(`${name}: DV fixture read without error`)
        } catch (e) {
          if (dvFixture === undefined || !dvFixture.test(String((e as Error).message))) {
            failures.push(`${name}: scan failed ${String((e as Error).message).slice(0, 200)}`)
          }
        }
        const counts = adds.map((a) => parseStats(a.stats)?.numRecords)
        if (rows !== undefined && counts.every((n) => n !== undefined)) {
          const dv = adds.reduce((s, a) => s + (a.deletionVector?.cardinality ?? 0), 0)
          const expected = counts.reduce<number>((s, n) => s + (n ?? 0), 0) - dv
          if (rows !== expected) failures.push(`${name}: count ${rows} != stats ${expected}`)
          checkedCounts++
        }
      }
      if (snapshot.checkpointVersion !== undefined) {
        const listing = await new LogStore(store).listLog()
        let contiguous = true
        for (let v = 0; v <= snapshot.version; v++) if (!listing.commits.has(v)) contiguous = false
        if (contiguous) {
          const json = await loadSnapshot(store, { sql, ignoreCheckpoints: true })
          const a = [...snapshot.files.keys()].sort().join('\n')
          const b = [...json.files.keys()].sort().join('\n')
          if (a !== b) failures.push(`${name}: checkpoint replay differs from JSON replay`)
          const sameSchema = canonical(json.schema) === canonical(snapshot.schema)
          if (!sameSchema && CHECKPOINT_DIFFERS[name] !== 'schema') {
            failures.push(`${name}: schema differs`)
          }
          checkedReplays++
        }
      }
    }
    expect(failures).toEqual([])
    expect(checkedCounts).toBeGreaterThan(60)
    expect(checkedReplays).toBeGreaterThan(15)
  })
})

/** JSON with sorted keys (checkpoint writers may re-serialise the schema in another key order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )
}
