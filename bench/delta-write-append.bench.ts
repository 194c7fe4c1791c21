/**
 * Delta append vs DuckDB's own `COPY … TO parquet` of the same 1M rows: what the Delta layer
 * (schema derivation, footer stats, commit) costs on top of writing the Parquet file.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../src/engine/index.js'
import { LocalObjectStore, writeTable } from '../src/lake/index.js'
import { time, type Benchmark } from './harness.js'

const ROWS = Number(process.env['PITWALL_BENCH_APPEND_ROWS'] ?? 1_000_000)

const SOURCE = `SELECT i AS id, (i % 20)::INTEGER AS driver_number, (i % 70)::INTEGER AS lap_number,
  80 + random() * 20 AS lap_duration, 'session-' || (i // 100000) AS session,
  TIMESTAMPTZ '2024-06-30 12:00:00+00' + to_milliseconds(i) AS date FROM range(${ROWS}) t(i)`

const bench: Benchmark = {
  name: `delta append of ${ROWS.toLocaleString('en')} rows`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-append-'))
    const executor = await DuckDbEngine.create()
    try {
      await executor.run(`CREATE TABLE src AS ${SOURCE}`)
      // Warm up, then alternate baseline and pitwall three times and keep the medians (the
      // machine is shared; a single run is noisy).
      await executor.run(
        `COPY (SELECT * FROM src) TO '${join(dir, 'warm.parquet')}' (FORMAT parquet)`,
      )
      const copies: number[] = []
      const appends: number[] = []
      const target = { store: new LocalObjectStore(join(dir, 'table')), executor }
      const create = await time(() => writeTable({ ...target, sql: 'SELECT * FROM src' }))
      let files = 0
      for (let round = 0; round < 3; round++) {
        const c = await time(() =>
          executor.run(
            `COPY (SELECT * FROM src) TO '${join(dir, `plain-${round}.parquet`)}' (FORMAT parquet, COMPRESSION snappy)`,
          ),
        )
        copies.push(c.seconds)
        const a = await time(() => writeTable({ ...target, sql: 'SELECT * FROM src' }))
        appends.push(a.seconds)
        files += a.value.metrics.numFiles
      }
      const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[1] ?? 0
      const copy = { seconds: median(copies) }
      const append = { seconds: median(appends) }
      return {
        name: bench.name,
        measurements: [
          { label: 'DuckDB COPY … TO parquet (median of 3)', seconds: copy.seconds },
          { label: 'pitwall writeTable (create, version 0)', seconds: create.seconds },
          {
            label: 'pitwall writeTable (append, median of 3)',
            seconds: append.seconds,
            extra: { filesPerAppend: files / 3 },
          },
        ],
        ratios: [
          `pitwall create / DuckDB COPY = ${(create.seconds / copy.seconds).toFixed(2)}×`,
          `pitwall append / DuckDB COPY = ${(append.seconds / copy.seconds).toFixed(2)}×`,
        ],
      }
    } finally {
      await executor.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export default bench
