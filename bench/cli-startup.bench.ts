/**
 * How fast `pitwall` starts, as users run it: `node bin/pitwall.js …` spawned as a process on the
 * compiled `dist/` (built first if missing or stale), against `node -e 0` spawned in the same run.
 * Each command runs `CLI_BENCH_RUNS` times (default 10) after one warm-up; the median counts.
 *
 * Goals (issue 10): `--help` and `sql --help` ≤ 0.3 s, `sql "select 1"` ≤ 0.6 s. Help loads only
 * commander and the command specs; `sql` loads DuckDB and the catalog when it runs.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Benchmark, Measurement } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
const bin = join(root, 'bin', 'pitwall.js')
const RUNS = Number(process.env['CLI_BENCH_RUNS'] ?? 10)

/** The median wall time of `RUNS` spawns of `node <args>` (after one warm-up), in seconds. */
function medianSpawn(args: readonly string[], env: NodeJS.ProcessEnv): number {
  const once = (): number => {
    const started = performance.now()
    const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' })
    const seconds = (performance.now() - started) / 1000
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`)
    return seconds
  }
  once()
  const times = Array.from({ length: RUNS }, once).sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

/** Builds dist/ when bin/pitwall.js refuses to run it (missing or older than src/). */
function ensureBuilt(env: NodeJS.ProcessEnv): void {
  const probe = spawnSync(process.execPath, [bin, '--version'], { env, encoding: 'utf8' })
  if (probe.status === 0) return
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, encoding: 'utf8' })
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`)
}

const benchmark: Benchmark = {
  name: 'cli-startup: pitwall start times vs node -e 0',
  async run() {
    const home = mkdtempSync(join(tmpdir(), 'pitwall-bench-cli-'))
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PITWALL_HOME: home }
    delete env['PITWALL_FROM_SOURCE']
    try {
      ensureBuilt(env)
      const cases: { label: string; args: string[]; goal?: number }[] = [
        { label: 'node -e 0 (baseline)', args: ['-e', '0'] },
        { label: 'pitwall --help', args: [bin, '--help'], goal: 0.3 },
        { label: 'pitwall sql --help', args: [bin, 'sql', '--help'], goal: 0.3 },
        { label: 'pitwall sql "select 1"', args: [bin, 'sql', 'select 1'], goal: 0.6 },
      ]
      const measurements: Measurement[] = []
      const ratios: string[] = []
      let baseline = 0
      for (const c of cases) {
        const seconds = medianSpawn(c.args, env)
        if (c.goal === undefined) baseline = seconds
        measurements.push({
          label: c.label,
          seconds,
          extra: { runs: RUNS, ...(c.goal === undefined ? {} : { goal_s: c.goal }) },
        })
        if (c.goal !== undefined) {
          const verdict = seconds <= c.goal ? 'meets' : 'misses'
          ratios.push(
            `${c.label}: ${seconds.toFixed(3)} s = ${(seconds / baseline).toFixed(1)}× node -e 0; ${verdict} the goal of ${c.goal} s`,
          )
        }
      }
      return { name: this.name, measurements, ratios }
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  },
}

export default benchmark
