/**
 * Partitioned Delta append vs DuckDB's own `COPY … TO dir (FORMAT parquet, PARTITION_BY (…))` of
 * the same rows (issue 16, goal ≤ 1.3×): what the Delta layer costs on top of DuckDB's
 * partitioned write — one COPY with RETURN_STATS, Spark folder names, fsync, stats, commit.
 * Rows and partitions: PITWALL_BENCH_PART_ROWS (1M), PITWALL_BENCH_PARTITIONS (24).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../src/engine/index.js'
import { LocalObjectStore, writeTable } from '../src/lake/index.js'
import { time, type Benchmark } from './harness.js'

const ROWS = Number(process.env['PITWALL_BENCH_PART_ROWS'] ?? 1_000_000)
const PARTITIONS = Number(process.env['PITWALL_BENCH_PARTITIONS'] ?? 24)
const GOAL = 1.3
/** Alternating rounds of baseline and pitwall; the medians are reported. */
const ROUNDS = 7

const SOURCE = `SELECT i AS id, (i % 20)::INTEGER AS driver_number, (i % 70)::INTEGER AS lap_number,
  80 + random() * 20 AS lap_duration, 9000 + (i % ${PARTITIONS}) AS session_key,
  DATE '2024-03-01' + (i % ${PARTITIONS})::INTEGER AS batch_day,
  TIMESTAMPTZ '2024-06-30 12:00:00+00' + to_milliseconds(i) AS date FROM range(${ROWS}) t(i)`

const median = (xs: readonly number[]): number =>
  [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0

/** Wall and CPU seconds of `fn` (CPU of this process: DuckDB's threads included). */
async function measure<T>(fn: () => Promise<T>): Promise<{ wall: number; cpu: number; value: T }> {
  const cpu = process.cpuUsage()
  const { seconds, value } = await time(fn)
  const used = process.cpuUsage(cpu)
  return { wall: seconds, cpu: (used.user + used.system) / 1e6, value }
}

const bench: Benchmark = {
  name: `delta partitioned append of ${ROWS.toLocaleString('en')} rows into ${PARTITIONS} partitions`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-part-'))
    const executor = await DuckDbEngine.create()
    try {
      await executor.run(`CREATE TABLE src AS ${SOURCE}`)
      const copyTo = (out: string) =>
        executor.run(
          `COPY (SELECT * FROM src) TO '${out}' (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (batch_day))`,
        )
      await copyTo(join(dir, 'warm')) // warm-up
      const target = { store: new LocalObjectStore(join(dir, 'table')), executor }
      const create = await time(() =>
        writeTable({ ...target, sql: 'SELECT * FROM src', partitionColumns: ['batch_day'] }),
      )
      // Alternate baseline and pitwall ROUNDS times and keep the medians (the machine is shared;
      // CPU seconds are reported too, as they suffer less from other processes).
      const copies: { wall: number; cpu: number }[] = []
      const appends: { wall: number; cpu: number }[] = []
      let files = 0
      for (let round = 0; round < ROUNDS; round++) {
        copies.push(await measure(() => copyTo(join(dir, `plain-${round}`))))
        const a = await measure(() => writeTable({ ...target, sql: 'SELECT * FROM src' }))
        appends.push(a)
        files += a.value.metrics.numFiles
      }
      const copy = median(copies.map((c) => c.wall))
      const append = median(appends.map((a) => a.wall))
      const ratio = append / copy
      const cpuRatio = median(appends.map((a) => a.cpu)) / median(copies.map((c) => c.cpu))
      return {
        name: bench.name,
        measurements: [
          { label: `DuckDB COPY … PARTITION_BY (median of ${ROUNDS})`, seconds: copy },
          { label: 'pitwall writeTable (create, version 0)', seconds: create.seconds },
          {
            label: `pitwall writeTable (append, median of ${ROUNDS})`,
            seconds: append,
            extra: { filesPerAppend: files / ROUNDS },
          },
        ],
        ratios: [
          `pitwall partitioned append / DuckDB COPY PARTITION_BY = ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'not met'})`,
          `same, CPU seconds = ${cpuRatio.toFixed(2)}×`,
        ],
      }
    } finally {
      await executor.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export default bench
