/**
 * The API under load, as users run it: `pitwall serve` in its own process (the package bundled
 * into a temp copy, as `npm run build` does: compiled, not run from src/) over a lakehouse with a
 * season's leaderboard (24 sessions × 20 drivers, a real Delta table), hit on loopback by
 * autocannon with 50 concurrent clients on `GET /api/sessions/{key}/leaderboard` (each request
 * authenticated, checked against the grants, read through the sandboxed DuckDB, audited). Beside
 * it, in the same run and the same way, a minimal Hono handler answering a fixed body of the same
 * shape: the floor of the stack.
 *
 * Reports p50/p95/p99 latency, requests/s and errors of both, and the goal (issue 13): p95 ≤ 20 ms
 * with 0 errors. `SERVE_BENCH_SECONDS` sets each run's duration (default 30).
 */
import type autocannon from 'autocannon'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Benchmark, Measurement } from './harness.js'
import {
  CONNECTIONS,
  LEADERBOARD_PATH,
  compiledPackage,
  here,
  load,
  prepareHome,
  start,
  stop,
} from './serve-setup.js'

const SECONDS = Number(process.env['SERVE_BENCH_SECONDS'] ?? 30)

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
    const { home, token } = await prepareHome()
    const pkg = mkdtempSync(join(tmpdir(), 'pitwall-bench-serve-pkg-'))
    try {
      const bin = compiledPackage(pkg)
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PITWALL_LOG_LEVEL: 'warn' }
      delete env['PITWALL_FROM_SOURCE']
      const api = await start([bin, '--home', home, '--json', 'serve', '--port', '0'], env)
      let served
      try {
        served = await load(
          `${api.url}${LEADERBOARD_PATH}`,
          { Authorization: `Bearer ${token}` },
          SECONDS,
        )
      } finally {
        await stop(api.child)
      }
      const floor = await start(['--import', 'tsx', join(here, 'serve-baseline-server.ts')], env)
      let baseline
      try {
        baseline = await load(`${floor.url}${LEADERBOARD_PATH}`, {}, SECONDS)
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
      rmSync(pkg, { recursive: true, force: true })
    }
  },
}

export default benchmark
