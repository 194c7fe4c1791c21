/**
 * The rate limiter against a counting server: an extraction of two recorded races (every
 * endpoint, ~113 requests) from the replay server, which counts arrivals and answers 429 above the
 * same windows. Reports the achieved rate as a share of the fastest schedule the windows allow
 * (the baseline, computed for the same number of requests), and the worst window occupancy.
 *
 * Windows 5/s and 60/15 s make the run take ~25 s: both windows bind during it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  formatRateSpec,
  idealSchedule,
  maxInAnyWindow,
  OpenF1Client,
  runExtraction,
  startReplayServer,
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

const bench: Benchmark = {
  name: 'openf1 rate limiter (extraction of 9550 + 9531 against a counting replay server)',
  async run() {
    const server = await startReplayServer({ dataDir: V1, rate: WINDOWS })
    const landing = mkdtempSync(join(tmpdir(), 'pitwall-bench-'))
    try {
      const client = new OpenF1Client({ baseUrl: server.url, rate: WINDOWS, concurrency: 4 })
      const result = await runExtraction({
        client,
        landingDir: landing,
        criteria: { sessions: ['9550', '9531'] },
      })
      const arrivals = [...server.stats.arrivals].sort((a, b) => a - b)
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
              server429: server.stats.rateLimited,
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
          `worst window occupancy: ${occupancy.join(', ')}; 429s from the server: ${server.stats.rateLimited}`,
        ],
      }
    } finally {
      await server.close()
      rmSync(landing, { recursive: true, force: true })
    }
  },
}

export default bench
