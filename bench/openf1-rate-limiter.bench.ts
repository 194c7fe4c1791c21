/**
 * The rate limiter against a counting server: an extraction of laps, stints and weather of the
 * recorded races that `/sessions` knows (37 races, 112 requests) from `pitwall replay` running in its own process (as the real API is
 * remote), which counts arrivals and answers 429 above the same windows. Reports the achieved
 * rate as a share of the fastest schedule the windows allow (the baseline, computed for the same
 * number of requests), and the worst window occupancy seen by the server.
 *
 * Windows 5/s and 60/15 s make the run take ~26 s: both windows bind during it. Answers are
 * small (≤ 1.5k records), so the figure measures the limiter rather than transfer times; the
 * limiter counts each request until its answer's headers arrive plus one window, so answer
 * latency costs rate (about latency × requests / limit).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  formatRateSpec,
  idealSchedule,
  maxInAnyWindow,
  OpenF1Client,
  runExtraction,
  type ReplayStats,
} from '../src/openf1/index.js'
import type { Benchmark } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const V1 = resolve(
  process.env['PITWALL_SHARED_DIR'] ?? join(here, '..', '..', 'shared'),
  'openf1',
  'v1',
)
const WINDOWS = [
  { limit: 5, windowMs: 1000 },
  { limit: 60, windowMs: 15_000 },
]

/** Starts `pitwall replay` in a child process; resolves to its base URL and a stop function. */
async function startReplayProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      join(here, '..', 'bin', 'pitwall.js'),
      '--json',
      'replay',
      '--data',
      V1,
      '--port',
      '0',
      '--rate',
      formatRateSpec(WINDOWS),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  while (!out.includes('}')) {
    if (child.exitCode !== null) throw new Error('pitwall replay exited early')
    await new Promise((r) => setTimeout(r, 50))
  }
  const { url } = JSON.parse(out) as { url: string }
  return { url, stop: () => child.kill('SIGTERM') }
}

/** The recorded races (every session with laps in the recordings). */
function recordedRaces(): string[] {
  return readdirSync(join(V1, 'laps'))
    .map((f) => /^session_key=(\d+)\.json\.gz$/.exec(f)?.[1])
    .filter((k): k is string => k !== undefined)
}

const bench: Benchmark = {
  name: 'openf1 rate limiter (laps + stints + weather of 37 races against a counting replay server)',
  async run() {
    const server = await startReplayProcess()
    const landing = mkdtempSync(join(tmpdir(), 'pitwall-bench-'))
    try {
      const client = new OpenF1Client({ baseUrl: server.url, rate: WINDOWS, concurrency: 4 })
      const result = await runExtraction({
        client,
        landingDir: landing,
        criteria: { sessions: recordedRaces() },
        endpoints: ['laps', 'stints', 'weather'],
      })
      const stats = (await (
        await fetch(server.url.replace(/\/v1$/, '/_replay/stats'))
      ).json()) as ReplayStats
      const arrivals = [...stats.arrivals].sort((a, b) => a - b)
      const n = arrivals.length
      const achievedMs = (arrivals[n - 1] ?? 0) - (arrivals[0] ?? 0)
      const ideal = await idealSchedule(WINDOWS, n)
      const idealMs = ideal[n - 1] ?? 0
      const occupancy = WINDOWS.map(
        (w) => `${maxInAnyWindow(arrivals, w.windowMs)}/${w.limit} per ${w.windowMs / 1000}s`,
      )
      return {
        name: this.name,
        measurements: [
          {
            label: `extraction, ${n} requests at ${formatRateSpec(WINDOWS)}`,
            seconds: achievedMs / 1000,
            extra: {
              requests: n,
              failed: result.totals.failed,
              server429: stats.rateLimited,
              records: result.totals.records,
            },
          },
          {
            label: `baseline: fastest schedule the windows allow (${n} requests)`,
            seconds: idealMs / 1000,
          },
        ],
        ratios: [
          `achieved rate / allowed rate = ${((100 * idealMs) / achievedMs).toFixed(1)} % (target ≥ 90 %)`,
          `worst window occupancy: ${occupancy.join(', ')}; 429s from the server: ${stats.rateLimited}`,
        ],
      }
    } finally {
      server.stop()
      rmSync(landing, { recursive: true, force: true })
    }
  },
}

export default bench
