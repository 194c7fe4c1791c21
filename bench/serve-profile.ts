/**
 * A tool, not a benchmark: profiles `pitwall serve` under the load of `serve-leaderboard.bench.ts`
 * (same lakehouse, same 50 clients). The server runs with `--cpu-prof` and `--trace-gc`; at the
 * end this prints the requests served, the functions with the most self time, and the count and
 * total pause of each kind of GC. `SERVE_BENCH_SECONDS` sets the load's duration (default 10).
 *
 * `npx tsx bench/serve-profile.ts` bundles a copy of the package and runs it, as the benchmark
 * does; `… src` runs src/ through tsx instead; `PITWALL_BIN=<package>/bin/pitwall.js` runs a
 * build made beforehand; `… baseline` profiles the minimal Hono handler.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  compiledPackage,
  here,
  LEADERBOARD_PATH,
  load,
  prepareHome,
  root,
  start,
  stop,
} from './serve-setup.js'

const SECONDS = Number(process.env['SERVE_BENCH_SECONDS'] ?? 10)
const fromSource = process.argv[2] === 'src'
const baseline = process.argv[2] === 'baseline'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { functionName: string; url: string; lineNumber: number }
  readonly children?: readonly number[]
}
interface Profile {
  readonly nodes: readonly ProfileNode[]
  readonly startTime: number
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** Self and total (inclusive) ms per function within [from, to] (µs, monotonic), and busy ms. */
function times(profile: Profile, from: number, to: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const name = (n: ProfileNode): string => {
    const f = n.callFrame
    const file = f.url.replace(/^.*node_modules\//, '~/').replace(/^.*\/(src|dist)\//, '$1/')
    return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`
  }
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  let at = profile.startTime
  let busy = 0
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0
    if (at < from || at > to) return
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    const node = byId.get(id)
    if (node === undefined) return
    const own = name(node)
    self.set(own, (self.get(own) ?? 0) + ms)
    if (!own.startsWith('(idle)')) busy += ms
    const seen = new Set<string>()
    for (let n: ProfileNode | undefined = node; n !== undefined; n = byId.get(parent.get(n.id)!)) {
      const k = name(n)
      if (seen.has(k)) continue
      seen.add(k)
      total.set(k, (total.get(k) ?? 0) + ms)
    }
  })
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])
  return { self: sorted(self), total: sorted(total), busy, window: (to - from) / 1000 }
}

/** CPU seconds (user + system) a process's threads used so far, by thread name (Linux /proc). */
function cpuByThread(pid: number | undefined): Map<string, number> {
  const out = new Map<string, number>()
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
    } catch {
      continue // the thread ended
    }
    const name =
      tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100 // utime + stime, 100 ticks/s
    out.set(name, (out.get(name) ?? 0) + seconds)
  }
  return out
}

/** GC count and pause (ms) by kind, from `--trace-gc` lines. */
function gcSummary(stdout: string): string {
  const kinds = new Map<string, { n: number; ms: number }>()
  for (const m of stdout.matchAll(/\d+ ms: (\w[\w-]*)[^,]*?, ([\d.]+) \/ [\d.]+ ms/g)) {
    const k = kinds.get(m[1]!) ?? { n: 0, ms: 0 }
    k.n += 1
    k.ms += Number(m[2])
    kinds.set(m[1]!, k)
  }
  return [...kinds].map(([k, v]) => `${k} ×${v.n} ${v.ms.toFixed(0)} ms`).join(', ')
}

const { home, token } = await prepareHome()
const profDir = mkdtempSync(join(tmpdir(), 'pitwall-serve-prof-'))
try {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PITWALL_LOG_LEVEL: 'warn' }
  if (fromSource) env['PITWALL_FROM_SOURCE'] = '1'
  else delete env['PITWALL_FROM_SOURCE']

  const profiling = ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--trace-gc']
  const server = baseline
    ? ['--import', 'tsx', join(here, 'serve-baseline-server.ts')]
    : [
        fromSource
          ? join(root, 'bin', 'pitwall.js')
          : (process.env['PITWALL_BIN'] ?? compiledPackage(mkdtempSync(join(profDir, 'pkg-')))),
        ...['--home', home, '--json', 'serve', '--port', '0'],
      ]
  const api = await start([...profiling, ...server], env)
  let stdout = ''
  api.child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  const cpuBefore = cpuByThread(api.child.pid)
  const from = Number(process.hrtime.bigint() / 1000n)
  const run = await load(
    `${api.url}${LEADERBOARD_PATH}`,
    { Authorization: `Bearer ${token}` },
    SECONDS,
  )
  const to = Number(process.hrtime.bigint() / 1000n)
  const cpuAfter = cpuByThread(api.child.pid)
  const threads = [...cpuAfter].map(([k, v]) => [k, v - (cpuBefore.get(k) ?? 0)] as const)
  const cpu = threads.reduce((sum, [, v]) => sum + v, 0)
  await stop(api.child)
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'))
  if (file === undefined) throw new Error('the server wrote no profile')
  const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as Profile
  const t = times(profile, from, to)
  const n = run.latencies.length
  const at = (p: number) => run.latencies[Math.min(n - 1, Math.floor(p * n))]?.toFixed(1)
  console.log(
    `${n} requests (${run.result.non2xx} non-2xx, ${run.result.errors} errors), p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms`,
  )
  console.log(
    `server CPU ${cpu.toFixed(2)} s (user + system) = ${((1e6 * cpu) / n).toFixed(0)} µs per request; by thread: ${threads
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
      .join(', ')}`,
  )
  console.log(
    `load window ${(t.window / 1000).toFixed(1)} s: server busy ${(t.busy / 1000).toFixed(1)} s (${((100 * t.busy) / t.window).toFixed(0)}%), ${((1000 * t.busy) / n).toFixed(0)} µs per request in the profile; GC (whole run): ${gcSummary(stdout)}`,
  )
  const show = (title: string, rows: [string, number][]) => {
    console.log(`\n${title}`)
    for (const [fn, ms] of rows.slice(0, 35)) {
      console.log(
        `${((100 * ms) / t.window).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${fn}`,
      )
    }
  }
  show('self time in the load window', t.self)
  show(
    'total time (with callees) in the load window, pitwall and hono code',
    t.total.filter(([fn]) => /(src|dist)\//.test(fn) || fn.startsWith('(garbage')),
  )
} finally {
  rmSync(home, { recursive: true, force: true })
  rmSync(profDir, { recursive: true, force: true })
}
