/**
 * MERGE of 10k keys into a 5M-row Delta table (50 files of 100k rows, ids in order): how many
 * files copy-on-write rewrites and how long it takes, vs a naive upsert that rewrites the whole
 * table with DuckDB (`COPY (target FULL JOIN source) TO parquet`). Two key sets: clustered (an
 * incremental batch: 5k updates in one id range + 5k new ids) and scattered (10k random ids,
 * which touch every file). Scale with PITWALL_BENCH_MERGE_ROWS.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../src/engine/index.js'
import {
  LocalObjectStore,
  loadSnapshot,
  mergeTable,
  writeTable,
  type MergeMetrics,
} from '../src/lake/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'

const ROWS = Number(process.env['PITWALL_BENCH_MERGE_ROWS'] ?? 5_000_000)
const FILES = 50
const KEYS = 10_000

const bench: Benchmark = {
  name: `delta merge of ${KEYS.toLocaleString('en')} keys into ${ROWS.toLocaleString('en')} rows`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-merge-'))
    const executor = await DuckDbEngine.create()
    try {
      const per = Math.ceil(ROWS / FILES)
      const target = { store: new LocalObjectStore(join(dir, 'table')), executor }
      const row = (expr: string): string =>
        `${expr} AS id, (id % 20)::INTEGER AS driver_number, 80 + random() * 20 AS lap_duration, 'v0' AS tag`
      const build = await time(async () => {
        for (let f = 0; f < FILES; f++) {
          await writeTable({
            ...target,
            sql: `SELECT ${row('i')} FROM range(${f * per}, ${(f + 1) * per}) t(i)`,
          })
        }
      })
      const mid = Math.floor(ROWS / 2)
      const clustered = `SELECT ${row('i').replace("'v0'", "'v1'")} FROM (SELECT range AS i FROM range(${mid}, ${mid + KEYS / 2}) UNION ALL SELECT range AS i FROM range(${ROWS}, ${ROWS + KEYS / 2}))`
      const scattered = `SELECT ${row('i').replace("'v0'", "'v2'")} FROM (SELECT DISTINCT (hash(range) % ${ROWS})::BIGINT AS i FROM range(${KEYS * 2}) LIMIT ${KEYS})`
      const measure = async (label: string, sql: string): Promise<Measurement> => {
        const r = await time(() => mergeTable({ ...target, keys: ['id'], sql }))
        const m: MergeMetrics = r.value.metrics
        return {
          label,
          seconds: r.seconds,
          extra: {
            filesRewritten: m.numTargetFilesRemoved,
            filesScanned: m.numTargetFilesScanned,
            filesSkipped: m.numTargetFilesSkipped,
            updated: m.numTargetRowsUpdated,
            inserted: m.numTargetRowsInserted,
            copied: m.numTargetRowsCopied,
          },
        }
      }
      const a = await measure('pitwall merge, clustered keys', clustered)
      const b = await measure('pitwall merge, scattered keys', scattered)
      // Baseline: a plain-Parquet upsert has to rewrite everything.
      const snap = await loadSnapshot(target.store, { sql: executor })
      const files = snap.addActions.map((f) => `'${join(dir, 'table', f.path)}'`).join(', ')
      const naive = await time(() =>
        executor.run(
          `COPY (SELECT COALESCE(s.id, t.id) AS id, COALESCE(s.driver_number, t.driver_number) AS driver_number, ` +
            `COALESCE(s.lap_duration, t.lap_duration) AS lap_duration, COALESCE(s.tag, t.tag) AS tag ` +
            `FROM read_parquet([${files}]) t FULL JOIN (${clustered}) s ON t.id = s.id) ` +
            `TO '${join(dir, 'naive.parquet')}' (FORMAT parquet, COMPRESSION snappy)`,
        ),
      )
      return {
        name: bench.name,
        measurements: [
          {
            label: `build: ${FILES} appends of ${per.toLocaleString('en')} rows`,
            seconds: build.seconds,
          },
          a,
          b,
          { label: 'DuckDB full rewrite upsert (baseline)', seconds: naive.seconds },
        ],
        ratios: [
          `pitwall merge (clustered) / full rewrite = ${(a.seconds / naive.seconds).toFixed(2)}×`,
          `pitwall merge (scattered) / full rewrite = ${(b.seconds / naive.seconds).toFixed(2)}×`,
        ],
      }
    } finally {
      await executor.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export default bench
