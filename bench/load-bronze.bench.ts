/**
 * Landing → bronze for the four recorded races (9189, 9488, 9531, 9550; every endpoint the
 * recordings have; `LOAD_BENCH_SESSIONS` picks others), against plain DuckDB writing the same files to Parquet:
 * `COPY (SELECT * FROM read_json('<landing>/<endpoint>/*.json', union_by_name = true)) TO
 * '<endpoint>.parquet'` — the issue-16 goal is pitwall ≤ 1.3× that.
 *
 * The landing zone is produced by the real extractor from the replay server (not timed). Timed:
 * the baseline, `loadLanding` in this process (wall and CPU of this process, all threads: on a
 * shared machine the CPU ratio is the steadier one), a re-load with nothing new, and `pitwall
 * load` as the user runs it — `node bin/pitwall.js --json load` on a compiled copy of the package
 * at HEAD (`warehouse-cli.ts`), startup included, into its own lakehouse, its reported row count
 * checked against the baseline's. Also reported: the bronze data files each table got
 * (issue 16: sized for reading, not one per landing file).
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  formatTableName,
  layerTableProperties,
  tableName,
  tablePath,
} from '../src/catalog/index.js'
import { DuckDbEngine } from '../src/engine/index.js'
import { objectStoreFor } from '../src/lake/index.js'
import { loadLanding, type LoadLandingOptions } from '../src/load/index.js'
import { OpenF1Client, runExtraction, startReplayServer } from '../src/openf1/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'
import { preparedPackage, runCli } from './warehouse-cli.js'

/** The four recorded races; `LOAD_BENCH_SESSIONS=9550` for a quick run. */
const SESSIONS = (process.env['LOAD_BENCH_SESSIONS'] ?? '9189,9488,9531,9550').split(',')
const GOAL = 1.3
const CATALOG = 'dev_f1_data_analytics'
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const SHARED = join(ROOT, '..', 'shared', 'openf1', 'v1')

/** CPU seconds (user + system, every thread of this process) spent in `fn`. */
async function cpu<T>(
  fn: () => Promise<T>,
): Promise<{ cpuSeconds: number; seconds: number; value: T }> {
  const before = process.cpuUsage()
  const timed = await time(fn)
  const used = process.cpuUsage(before)
  return { ...timed, cpuSeconds: (used.user + used.system) / 1e6 }
}

/** Lands the four races from the replay server into `landing` (not timed). */
async function extract(landing: string): Promise<void> {
  const shared = process.env['PITWALL_SHARED_DIR']
  const server = await startReplayServer({
    dataDir: shared === undefined ? SHARED : join(shared, 'openf1', 'v1'),
  })
  try {
    const client = new OpenF1Client({ baseUrl: server.url, rate: [], concurrency: 8 })
    await runExtraction({ client, landingDir: landing, criteria: { sessions: SESSIONS } })
  } finally {
    await server.close()
  }
}

/** DuckDB alone: one COPY per endpoint; returns the rows written. */
async function plainCopy(engine: DuckDbEngine, landing: string, out: string): Promise<number> {
  let rows = 0
  for (const e of endpointsOf(landing)) {
    const target = join(out, `${e}.parquet`)
    await engine.run(
      `COPY (SELECT * FROM read_json('${join(landing, e)}/*.json', format = 'array', union_by_name = true)) TO '${target}' (FORMAT parquet, COMPRESSION snappy)`,
    )
    const [r] = await engine.all(`SELECT count(*) AS n FROM read_parquet('${target}')`)
    rows += Number(r?.['n'])
  }
  return rows
}

function endpointsOf(landing: string): string[] {
  return readdirSync(landing, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
    .map((d) => d.name)
}

function loadOptions(home: string, engine: DuckDbEngine): LoadLandingOptions {
  return {
    home,
    catalog: CATALOG,
    engine,
    stores: objectStoreFor,
    locate: (schema, table) => {
      const name = tableName(CATALOG, schema, table)
      return { name: formatTableName(name), path: tablePath(home, name) }
    },
    properties: {
      bronze_raw: layerTableProperties('bronze_raw'),
      system: layerTableProperties('system'),
    },
  }
}

/** Data files per bronze table and their mean size in MB. */
function bronzeFiles(home: string): Record<string, string> {
  const schema = join(home, CATALOG, 'bronze_raw')
  const files: Record<string, string> = {}
  for (const table of readdirSync(schema)) {
    const parquet = readdirSync(join(schema, table), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.parquet') && !f.startsWith('_'))
      .map((f) => statSync(join(schema, table, f)).size)
    const mb = parquet.reduce((a, b) => a + b, 0) / parquet.length / 2 ** 20
    files[table] = `${parquet.length} × ${mb.toFixed(1)} MB`
  }
  return files
}

const benchmark: Benchmark = {
  name: 'load: landing → bronze Delta (4 recorded races) vs DuckDB COPY read_json → parquet',
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'pitwall-bench-load-'))
    try {
      const landing = join(root, 'landing')
      await extract(landing)
      const files = endpointsOf(landing).reduce(
        (n, e) => n + readdirSync(join(landing, e)).length,
        0,
      )
      const engine = await DuckDbEngine.create()
      try {
        const out = join(root, 'plain')
        cpSync(landing, join(out, 'landing'), { recursive: true })
        const plain = await cpu(() => plainCopy(engine, join(out, 'landing'), out))

        const home = join(root, 'lakehouse')
        cpSync(landing, join(home, 'landing'), { recursive: true })
        const first = await cpu(() => loadLanding(loadOptions(home, engine)))
        const again = await time(() => loadLanding(loadOptions(home, engine)))
        const report = first.value
        if (report.totals.rowsWritten !== plain.value || report.hasFailures) {
          throw new Error(
            `row counts differ: pitwall ${report.totals.rowsWritten}, plain ${plain.value}, failures ${String(report.hasFailures)}`,
          )
        }
        // `pitwall load` in its own process on a fresh copy of the landing zone: its own report
        // (--json) must account for the same rows, so the time is of the same work.
        const cliHome = join(root, 'cli')
        cpSync(landing, join(cliHome, 'landing'), { recursive: true })
        const pkg = preparedPackage(join(root, 'package'))
        const cli = await runCli(pkg, cliHome, ['--json', 'load'])
        const cliRows = (JSON.parse(cli.stdout) as { totals: { rowsWritten: number } }).totals
          .rowsWritten
        if (cliRows !== plain.value) {
          throw new Error(`pitwall load wrote ${cliRows} rows, plain DuckDB ${plain.value}`)
        }
        const cliSeconds = cli.seconds

        const wall = first.seconds / plain.seconds
        const cpuRatio = first.cpuSeconds / plain.cpuSeconds
        const measurements: Measurement[] = [
          {
            label: 'DuckDB COPY read_json → parquet (baseline)',
            seconds: plain.seconds,
            extra: { rows: plain.value, files, cpuSeconds: Number(plain.cpuSeconds.toFixed(1)) },
          },
          {
            label: 'loadLanding (landing → bronze Delta)',
            seconds: first.seconds,
            extra: {
              rows: report.totals.rowsWritten,
              files: report.totals.files,
              commits: report.tables.reduce((n, t) => n + t.commits, 0),
              cpuSeconds: Number(first.cpuSeconds.toFixed(1)),
            },
          },
          {
            label: 'loadLanding again (nothing new)',
            seconds: again.seconds,
            extra: { files: again.value.totals.files },
          },
          {
            label: '`pitwall load` (process, dist/, startup included)',
            seconds: cliSeconds,
            extra: {
              rows: cliRows,
              cpuSeconds: cli.cpuSeconds === undefined ? '?' : Number(cli.cpuSeconds.toFixed(1)),
              peakRssMiB: cli.peakRssMiB ?? '?',
              package: pkg.commit,
            },
          },
        ]
        return {
          name: benchmark.name,
          measurements,
          ratios: [
            `load / DuckDB COPY = ${wall.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU (goal ≤ ${GOAL}× wall: ${wall <= GOAL ? 'met' : 'not met'})`,
            `\`pitwall load\` as run by a user / DuckDB COPY = ${(cliSeconds / plain.seconds).toFixed(2)}× wall`,
            `bronze data files: ${JSON.stringify(bronzeFiles(home))}`,
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
