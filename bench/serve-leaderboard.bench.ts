/**
 * The API under load, as users run it: `pitwall serve` in its own process over a lakehouse with a
 * season's leaderboard (24 sessions × 20 drivers, a real Delta table), hit on loopback by
 * autocannon with 50 concurrent clients on `GET /api/sessions/{key}/leaderboard` (each request
 * authenticated, checked against the grants, read through the sandboxed DuckDB, audited). Beside
 * it, in the same run and the same way, a minimal Hono handler answering a fixed body of the same
 * shape: the floor of the stack.
 *
 * Reports p50/p95/p99 latency, requests/s and errors of both, and the goal (issue 13): p95 ≤ 20 ms
 * with 0 errors. `SERVE_BENCH_SECONDS` sets each run's duration (default 30).
 */
import autocannon from 'autocannon'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createToken } from '../src/catalog/index.js'
import { DuckDbEngine } from '../src/engine/index.js'
import { objectStoreFor, writeTable } from '../src/lake/index.js'
import type { Benchmark, Measurement } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const SECONDS = Number(process.env['SERVE_BENCH_SECONDS'] ?? 30)
const CONNECTIONS = 50
const CATALOG = 'dev_f1_data_analytics'

/** A season's leaderboard: 24 sessions × 20 drivers, the columns the route selects. */
const LEADERBOARD = `SELECT md5(s || '|' || d) AS leaderboard_key, s::BIGINT AS session_key, d::BIGINT AS driver_number,
  'Driver ' || d AS full_name, 'D' || lpad(d::VARCHAR, 2, '0') AS name_acronym, 'Team ' || (d // 2) AS team_name,
  'Team ' || (d // 2) AS team_category, '3671C6' AS team_colour, d::BIGINT AS position, 65 + d / 10 AS fastest_lap_time,
  40::INTEGER AS fastest_lap_number, 'SOFT' AS fastest_lap_compound, 50::BIGINT AS valid_laps, d / 10 AS delta_to_fastest,
  d / 7 AS gap_percentage, 0.1 AS gap_to_car_ahead, d <= 3 AS is_top_3, d <= 10 AS is_top_10, d % 2 = 1 AS is_fastest_in_team
FROM range(9500, 9524) a(s), range(1, 21) b(d)`

/** Starts a server process and resolves to its URL (from its first JSON line). */
function start(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const m = /"url":\s*"([^"]+)"/.exec(out)
      if (m?.[1] !== undefined) resolve({ url: m[1], child })
    })
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)))
  })
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** Runs autocannon and measures every response's latency (autocannon's histogram has no p95). */
async function load(
  url: string,
  headers: Record<string, string>,
): Promise<{ latencies: number[]; result: autocannon.Result }> {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, headers },
      (error, done) => (error === null || error === undefined ? resolve(done) : reject(error)),
    )
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  })
  return { latencies: latencies.sort((a, b) => a - b), result }
}

const pct = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

function summary(
  label: string,
  run: { latencies: number[]; result: autocannon.Result },
): Measurement {
  const { latencies, result } = run
  return {
    label,
    seconds: pct(latencies, 95) / 1000,
    extra: {
      p50_ms: Number(pct(latencies, 50).toFixed(2)),
      p95_ms: Number(pct(latencies, 95).toFixed(2)),
      p99_ms: Number(pct(latencies, 99).toFixed(2)),
      req_per_s: Math.round(result.requests.average),
      requests: latencies.length,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    },
  }
}

const benchmark: Benchmark = {
  name: `serve-leaderboard: GET /api/sessions/{key}/leaderboard, ${CONNECTIONS} clients × ${SECONDS} s`,
  async run() {
    const home = mkdtempSync(join(tmpdir(), 'pitwall-bench-serve-'))
    try {
      const engine = await DuckDbEngine.create()
      let token: string
      try {
        await writeTable({
          store: objectStoreFor(join(home, CATALOG, 'gold_analytics', 'session_leaderboard')),
          executor: engine,
          sql: LEADERBOARD,
        })
        token = (
          await createToken({ home, storeFor: objectStoreFor, engine }, CATALOG, {
            principal: 'data_analysts',
            expiresAt: new Date(Date.now() + 86_400_000),
          })
        ).token
      } finally {
        await engine.close()
      }
      const env = {
        ...process.env,
        NO_COLOR: '1',
        PITWALL_FROM_SOURCE: '1',
        PITWALL_LOG_LEVEL: 'warn',
      }
      const api = await start(
        [join(root, 'bin', 'pitwall.js'), '--home', home, '--json', 'serve', '--port', '0'],
        env,
      )
      let served
      try {
        served = await load(`${api.url}/api/sessions/9512/leaderboard`, {
          Authorization: `Bearer ${token}`,
        })
      } finally {
        await stop(api.child)
      }
      const floor = await start(['--import', 'tsx', join(here, 'serve-baseline-server.ts')], env)
      let baseline
      try {
        baseline = await load(`${floor.url}/api/sessions/9512/leaderboard`, {})
      } finally {
        await stop(floor.child)
      }
      const a = summary('pitwall serve: leaderboard (p95 as seconds)', served)
      const b = summary('minimal Hono handler, fixed body (p95 as seconds)', baseline)
      const p95 = Number(a.extra?.['p95_ms'])
      const ok =
        p95 <= 20 && served.result.errors + served.result.timeouts + served.result.non2xx === 0
      return {
        name: benchmark.name,
        measurements: [a, b],
        ratios: [
          `leaderboard p95 ${p95.toFixed(1)} ms (goal ≤ 20 ms, 0 errors): ${ok ? 'met' : 'NOT met'}`,
          `leaderboard / minimal Hono: p95 ${(p95 / Number(b.extra?.['p95_ms'])).toFixed(1)}×, req/s ${(Number(a.extra?.['req_per_s']) / Number(b.extra?.['req_per_s'])).toFixed(2)}×`,
        ],
      }
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  },
}

export default benchmark
