/**
 * Landing → bronze for the four recorded races (9189, 9488, 9531, 9550; every endpoint the
 * recordings have), against plain DuckDB writing the same files to Parquet:
 * `COPY (SELECT * FROM read_json('<landing>/<endpoint>/*.json')) TO '<endpoint>.parquet'`.
 *
 * The landing zone is produced by the real extractor from the replay server (not timed). The
 * ratio is what exactly-once, schema inference with rescue, batch_day partitioning, Delta stats
 * and commits cost over a bare conversion. Both wall and CPU time (this process, all threads) are
 * reported: on a shared machine the CPU ratio is the steadier one.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  formatTableName,
  layerTableProperties,
  tableName,
  tablePath,
} from '../src/catalog/index.js'
import { DuckDbEngine } from '../src/engine/index.js'
import { objectStoreFor } from '../src/lake/index.js'
import { loadLanding } from '../src/load/index.js'
import { OpenF1Client, runExtraction, startReplayServer } from '../src/openf1/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'

const SESSIONS = ['9189', '9488', '9531', '9550']

/** CPU seconds (user + system, every thread of this process) spent in `fn`: robust to a busy machine. */
async function cpu<T>(
  fn: () => Promise<T>,
): Promise<{ cpuSeconds: number; seconds: number; value: T }> {
  const before = process.cpuUsage()
  const timed = await time(fn)
  const used = process.cpuUsage(before)
  return { ...timed, cpuSeconds: (used.user + used.system) / 1e6 }
}
const CATALOG = 'dev_f1_data_analytics'
const SHARED = join(import.meta.dirname, '..', '..', 'shared', 'openf1', 'v1')

const benchmark: Benchmark = {
  name: 'load: landing → bronze Delta (4 recorded races) vs DuckDB COPY read_json → parquet',
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'pitwall-bench-load-'))
    try {
      const landing = join(root, 'landing')
      const server = await startReplayServer({
        dataDir:
          process.env['PITWALL_SHARED_DIR'] === undefined
            ? SHARED
            : join(process.env['PITWALL_SHARED_DIR'], 'openf1', 'v1'),
      })
      try {
        const client = new OpenF1Client({ baseUrl: server.url, rate: [], concurrency: 8 })
        await runExtraction({ client, landingDir: landing, criteria: { sessions: SESSIONS } })
      } finally {
        await server.close()
      }
      const endpoints = readdirSync(landing, { withFileTypes: true })
        .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
        .map((d) => d.name)
      const files = endpoints.reduce((n, e) => n + readdirSync(join(landing, e)).length, 0)

      const engine = await DuckDbEngine.create()
      try {
        const out = join(root, 'plain')
        cpSync(landing, join(out, 'landing'), { recursive: true })
        const plain = await cpu(async () => {
          let rows = 0
          for (const e of endpoints) {
            const target = join(out, `${e}.parquet`)
            await engine.run(
              `COPY (SELECT * FROM read_json('${join(out, 'landing', e)}/*.json', format = 'array', union_by_name = true)) TO '${target}' (FORMAT parquet, COMPRESSION snappy)`,
            )
            const [r] = await engine.all(`SELECT count(*) AS n FROM read_parquet('${target}')`)
            rows += Number(r?.['n'])
          }
          return rows
        })

        const home = join(root, 'lakehouse')
        cpSync(landing, join(home, 'landing'), { recursive: true })
        const options = {
          home,
          catalog: CATALOG,
          engine,
          stores: objectStoreFor,
          locate: (schema: 'bronze_raw' | 'system', table: string) => {
            const name = tableName(CATALOG, schema, table)
            return { name: formatTableName(name), path: tablePath(home, name) }
          },
          properties: {
            bronze_raw: layerTableProperties('bronze_raw'),
            system: layerTableProperties('system'),
          },
        }
        const first = await cpu(() => loadLanding(options))
        const again = await time(() => loadLanding(options))
        const report = first.value
        if (report.totals.rowsWritten !== plain.value || report.hasFailures) {
          throw new Error(
            `row counts differ: pitwall ${report.totals.rowsWritten}, plain ${plain.value}, failures ${String(report.hasFailures)}`,
          )
        }
        const measurements: Measurement[] = [
          {
            label: 'DuckDB COPY read_json → parquet (baseline)',
            seconds: plain.seconds,
            extra: { rows: plain.value, files, cpuSeconds: Number(plain.cpuSeconds.toFixed(1)) },
          },
          {
            label: 'pitwall load (landing → bronze Delta)',
            seconds: first.seconds,
            extra: {
              rows: report.totals.rowsWritten,
              files: report.totals.files,
              tables: report.tables.length,
              cpuSeconds: Number(first.cpuSeconds.toFixed(1)),
            },
          },
          {
            label: 'pitwall load again (nothing new)',
            seconds: again.seconds,
            extra: { files: again.value.totals.files },
          },
        ]
        return {
          name: benchmark.name,
          measurements,
          ratios: [
            `pitwall load / DuckDB COPY = ${(first.seconds / plain.seconds).toFixed(2)}× wall, ${(first.cpuSeconds / plain.cpuSeconds).toFixed(2)}× CPU`,
            `rows/s: pitwall ${Math.round(report.totals.rowsWritten / first.seconds)}, DuckDB ${Math.round(plain.value / plain.seconds)}`,
          ],
        }
      } finally {
        await engine.close()
      }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
}

export default benchmark
