/**
 * How fast `pitwall` starts, as users run it: `node bin/pitwall.js …` spawned as a process on the
 * compiled `dist/`, against `node -e 0` spawned in the same run. The package is copied to a temp
 * folder and prepared there as `npm ci` does (bin, src, warehouse, package.json; node_modules
 * linked), so edits to the working tree during the run cannot make its dist/ stale. Each command
 * runs `CLI_BENCH_RUNS` times (default 10) after one warm-up; the median counts.
 *
 * Goals (issue 10): `--help` and `sql --help` ≤ 0.3 s, `sql "select 1"` ≤ 0.6 s. Help loads only
 * commander and the command specs; `sql` loads DuckDB and the catalog when it runs.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Benchmark, Measurement } from './harness.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..')
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

/** Copies the package to `dir` and runs its prepare script (the build `npm ci` runs). */
function preparedCopy(dir: string): string {
  for (const entry of ['bin', 'src', 'warehouse', 'web', 'package.json', 'tsconfig.json'])
    cpSync(join(root, entry), join(dir, entry), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const r = spawnSync('npm', ['run', '--silent', 'prepare'], { cwd: dir, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`npm run prepare failed: ${r.stdout}${r.stderr}`)
  return dir
}

const benchmark: Benchmark = {
  name: 'cli-startup: pitwall start times vs node -e 0',
  async run() {
    const tmp = mkdtempSync(join(tmpdir(), 'pitwall-bench-cli-'))
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NO_COLOR: '1',
      PITWALL_HOME: join(tmp, 'home'),
    }
    delete env['PITWALL_FROM_SOURCE']
    try {
      const bin = join(preparedCopy(join(tmp, 'package')), 'bin', 'pitwall.js')
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
      rmSync(tmp, { recursive: true, force: true })
    }
  },
}

export default benchmark
