/**
 * `pitwall` as a user runs it, for the warehouse benchmarks: a copy of the package at the
 * repository's HEAD commit (`git archive`, so other people's uncommitted edits during a long run
 * cannot make its `dist/` stale or broken) with its `dist/` compiled once (`npm run build`;
 * node_modules linked), and each command spawned as `node bin/pitwall.js …` under
 * `/usr/bin/time`, which reports the child's peak resident memory (its whole process: Node,
 * DuckDB and every thread). `PITWALL_BENCH_PACKAGE=<dir>` uses an already prepared package.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { time } from './harness.js'

const ROOT = join(import.meta.dirname, '..')
const GNU_TIME = '/usr/bin/time'

/** A prepared package: where its `bin/pitwall.js` is and which commit it was made from. */
export interface CliPackage {
  readonly bin: string
  readonly commit: string
}

/** What one `pitwall` process cost. */
export interface CliRun {
  readonly seconds: number
  /** Peak resident memory of the process in MiB (undefined without `/usr/bin/time`). */
  readonly peakRssMiB: number | undefined
  /** CPU seconds of the process, user + system, every thread (undefined without it). */
  readonly cpuSeconds: number | undefined
  readonly stdout: string
}

function must(cmd: string, args: readonly string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`)
  return r.stdout
}

/** The package at HEAD in `dir`, compiled (not timed: `npm ci` does this once). */
export function preparedPackage(dir: string): CliPackage {
  const given = process.env['PITWALL_BENCH_PACKAGE']
  if (given !== undefined) {
    return { bin: join(given, 'bin', 'pitwall.js'), commit: 'prepared at ' + given }
  }
  const commit = must('git', ['rev-parse', '--short', 'HEAD'], ROOT).trim()
  mkdirSync(dir, { recursive: true })
  const archive = join(dir, 'package.tar')
  must(
    'git',
    [
      'archive',
      '--output',
      archive,
      'HEAD',
      'bin',
      'src',
      'warehouse',
      'package.json',
      'tsconfig.json',
    ],
    ROOT,
  )
  must('tar', ['-xf', archive], dir)
  rmSync(archive)
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir')
  must('npm', ['run', '--silent', 'build'], dir)
  return { bin: join(dir, 'bin', 'pitwall.js'), commit }
}

/**
 * Runs `pitwall --home <home> <args>` as a process and times it (startup included). Throws when
 * it exits non-zero.
 */
export async function runCli(
  pkg: CliPackage,
  home: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env }
  delete childEnv['PITWALL_FROM_SOURCE']
  const rssFile = join(home, '.bench-maxrss')
  const node = [process.execPath, pkg.bin, '--home', home, ...args]
  const measured = existsSync(GNU_TIME)
  const cmd = measured ? GNU_TIME : process.execPath
  const argv = measured ? ['-f', '%M %U %S', '-o', rssFile, ...node] : node.slice(1)
  const timed = await time(() =>
    spawnSync(cmd, argv, { env: childEnv, encoding: 'utf8', maxBuffer: 1 << 28 }),
  )
  const r = timed.value
  if (r.status !== 0) {
    throw new Error(
      `pitwall ${args.join(' ')} exited ${r.status}: ${r.stdout.slice(-4000)}${r.stderr.slice(-4000)}`,
    )
  }
  let peakRssMiB: number | undefined
  let cpuSeconds: number | undefined
  if (measured && existsSync(rssFile)) {
    // The last line is ours (a killed child adds a line before it).
    const [kb, user, system] = (readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '')
      .split(' ')
      .map(Number)
    rmSync(rssFile)
    if (Number.isFinite(kb)) peakRssMiB = Math.round(kb! / 1024)
    if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user! + system!
  }
  return { seconds: timed.seconds, peakRssMiB, cpuSeconds, stdout: r.stdout }
}

/** `pitwall build` without data and unit tests (seeds, models, snapshots). */
export const BUILD_NODES = ['build', '--exclude', 'resource_type:test', 'resource_type:unit_test']

/** Seconds the last run spent in nodes whose id starts with `prefix` (from run_results.json). */
export function nodeSeconds(home: string, prefixes: readonly string[]): number {
  const file = join(home, 'target', 'dev', 'run_results.json')
  if (!existsSync(file)) return Number.NaN
  const results = (
    JSON.parse(readFileSync(file, 'utf8')) as {
      results: { unique_id: string; execution_time: number }[]
    }
  ).results
  return results
    .filter((r) => prefixes.some((p) => r.unique_id.startsWith(p)))
    .reduce((a, r) => a + r.execution_time, 0)
}

/** The last run's results (unique_id, status, execution_time) from run_results.json. */
export function lastRunResults(
  home: string,
): { unique_id: string; status: string; execution_time: number }[] {
  const file = join(home, 'target', 'dev', 'run_results.json')
  if (!existsSync(file)) return []
  return (
    JSON.parse(readFileSync(file, 'utf8')) as {
      results: { unique_id: string; status: string; execution_time: number }[]
    }
  ).results
}
