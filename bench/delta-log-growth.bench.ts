/**
 * Log growth (issue 16): 1,000 one-row appends to one table in one process. Linear means every
 * append costs the same whatever the log's length: the writer keeps its snapshot between commits
 * and reads only the commits it has not seen, instead of re-listing the log and re-reading the
 * last checkpoint each time. Reports the mean append of the last 100 over the first 100 (goal
 * ≤ 1.5×; 1× is perfectly linear) — checkpoints every 10 commits included, as they grow with
 * the table. PITWALL_BENCH_APPENDS changes the count.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../src/engine/index.js'
import { LocalObjectStore, writeTable } from '../src/lake/index.js'
import { type Benchmark } from './harness.js'

const APPENDS = Number(process.env['PITWALL_BENCH_APPENDS'] ?? 1000)
const WINDOW = Math.max(1, Math.min(100, Math.floor(APPENDS / 5)))
const GOAL = 1.5

const bench: Benchmark = {
  name: `delta log growth: ${APPENDS.toLocaleString('en')} one-row appends`,
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-bench-log-'))
    const executor = await DuckDbEngine.create()
    try {
      const target = { store: new LocalObjectStore(join(dir, 'table')), executor }
      const seconds: number[] = []
      for (let i = 0; i < APPENDS; i++) {
        const started = performance.now()
        await writeTable({ ...target, sql: `SELECT ${i} AS id, 'lap ${i}' AS label` })
        seconds.push((performance.now() - started) / 1000)
      }
      const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
      const first = mean(seconds.slice(1, WINDOW + 1)) // append 0 creates the table
      const last = mean(seconds.slice(-WINDOW))
      const ratio = last / first
      return {
        name: bench.name,
        measurements: [
          { label: `mean of appends 1–${WINDOW}`, seconds: first },
          { label: `mean of the last ${WINDOW} appends`, seconds: last },
          { label: 'all appends', seconds: seconds.reduce((a, b) => a + b, 0) },
        ],
        ratios: [
          `last ${WINDOW} / first ${WINDOW} appends = ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'not met'})`,
        ],
      }
    } finally {
      await executor.close()
      rmSync(dir, { recursive: true, force: true })
    }
  },
}

export default bench
