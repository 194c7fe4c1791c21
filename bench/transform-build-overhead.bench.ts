/**
 * Framework overhead of a build: `pitwall run` of a generated 40-model project on Delta tables
 * (parse, compile, materialize: Parquet + Delta commits, view refreshes) against the same
 * compiled SQL run directly in DuckDB as `CREATE TABLE … AS` into in-memory tables, in the same
 * order, on the same source rows. Then the same run with nothing new (every model up to date) and
 * after new source rows (tables rebuilt, incremental models merging).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDbEngine } from '../src/engine/index.js'
import { objectStoreFor } from '../src/lake/index.js'
import {
  DeltaWarehouse,
  buildDag,
  compileNode,
  executeRun,
  parseProject,
} from '../src/transform/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'
import { generatedProject } from './transform-generated-project.js'

const MODELS = 40
const ROWS = 200_000
/** Issue 16: a build with nothing new costs at most this, whatever the data size. */
const NOOP_GOAL_SECONDS = 2

const bench: Benchmark = {
  name: `transform: build overhead (${MODELS} models, ${ROWS.toLocaleString('en')} source rows)`,
  async run() {
    const home = mkdtempSync(join(tmpdir(), 'pitwall-bench-'))
    const engine = await DuckDbEngine.create()
    try {
      const warehouse = new DeltaWarehouse({ home, engine, storeFor: objectStoreFor })
      const source = { database: 'dev_bench', schema: 'bronze_raw', identifier: 'events' }
      await warehouse.write(source, `select i % 5000 as id, i as v from range(${ROWS}) t(i)`, {
        mode: 'overwrite',
      })
      const files = generatedProject(MODELS)
      const pitwall = await time(async () => {
        const project = parseProject(files)
        const r = await executeRun(project, warehouse, { command: 'run', threads: 1 })
        if (!r.success)
          throw new Error(r.results.find((x) => x.status === 'error')?.message ?? 'failed')
        return r
      })
      // Baseline: the compiled SQL, run directly, into plain DuckDB tables in their own catalog.
      const project = parseProject(files)
      const order = buildDag(project.nodes).order.filter((id) => id.startsWith('model.'))
      const compiled = order.map((id) => {
        const r = compileNode(project, id)
        if (!r.ok) throw new Error(r.diagnostic.message)
        return r.node.compiled_code.replaceAll('"dev_bench"."gold_analytics"', '"direct"."main"')
      })
      await engine.run(
        `attach ':memory:' as direct; create table direct.main.events_copy as select * from dev_bench.bronze_raw.events`,
      )
      const direct = await time(async () => {
        for (let i = 0; i < order.length; i++) {
          const name = project.nodes[order[i]!]!.name
          await engine.run(`create or replace table direct.main.${name} as ${compiled[i]!}`)
        }
      })
      // Nothing new: every model is up to date (issue 16: a no-op rebuild ≤ 2 s).
      const noop = await time(() => executeRun(project, warehouse, { command: 'run', threads: 1 }))
      // New source rows: the tables rebuild, the incremental models merge the new ids.
      await warehouse.write(source, `select 5000 + i % 100 as id, i as v from range(1000) t(i)`, {
        mode: 'append',
      })
      const incremental = await time(() =>
        executeRun(project, warehouse, { command: 'run', threads: 1 }),
      )
      const measurements: Measurement[] = [
        { label: 'compiled SQL directly in DuckDB (CTAS, memory)', seconds: direct.seconds },
        {
          label: 'pitwall run, first build (Delta)',
          seconds: pitwall.seconds,
          extra: { models: MODELS },
        },
        { label: 'pitwall run again, no new data (up to date)', seconds: noop.seconds },
        {
          label: 'pitwall run after 1,000 new source rows',
          seconds: incremental.seconds,
          extra: { models: MODELS, merges: MODELS / 5 },
        },
      ]
      return {
        name: bench.name,
        measurements,
        ratios: [
          `pitwall build / direct DuckDB = ${(pitwall.seconds / direct.seconds).toFixed(1)}×`,
          `overhead per model = ${(((pitwall.seconds - direct.seconds) * 1000) / MODELS).toFixed(0)} ms`,
          `no-op rebuild = ${noop.seconds.toFixed(2)} s (goal ≤ ${NOOP_GOAL_SECONDS} s: ${noop.seconds <= NOOP_GOAL_SECONDS ? 'met' : 'not met'})`,
        ],
      }
    } finally {
      await engine.close()
      rmSync(home, { recursive: true, force: true })
    }
  },
}

export default bench
