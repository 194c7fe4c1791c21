/**
 * What the serve benchmark and its profiler share: the package compiled as users run it (a copy
 * bundled by `bin/bundle.js`), a lakehouse with a season's leaderboard (24 sessions × 20 drivers,
 * a real Delta table) and an analyst token, starting a server process and reading its URL,
 * stopping it, and loading it with autocannon (50 clients) while measuring every response's
 * latency.
 */
import autocannon from 'autocannon'
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { cpSync, mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createToken } from '../src/catalog/index.js'
import { DuckDbEngine } from '../src/engine/index.js'
import { objectStoreFor, writeTable } from '../src/lake/index.js'

export const here = dirname(fileURLToPath(import.meta.url))
export const root = join(here, '..')
/** Concurrent clients. */
export const CONNECTIONS = 50
const CATALOG = 'dev_f1_data_analytics'

/** A season's leaderboard: 24 sessions × 20 drivers, the columns the route selects. */
const LEADERBOARD = `SELECT md5(s || '|' || d) AS leaderboard_key, s::BIGINT AS session_key, d::BIGINT AS driver_number,
  'Driver ' || d AS full_name, 'D' || lpad(d::VARCHAR, 2, '0') AS name_acronym, 'Team ' || (d // 2) AS team_name,
  'Team ' || (d // 2) AS team_category, '3671C6' AS team_colour, d::BIGINT AS position, 65 + d / 10 AS fastest_lap_time,
  40::INTEGER AS fastest_lap_number, 'SOFT' AS fastest_lap_compound, 50::BIGINT AS valid_laps, d / 10 AS delta_to_fastest,
  d / 7 AS gap_percentage, 0.1 AS gap_to_car_ahead, d <= 3 AS is_top_3, d <= 10 AS is_top_10, d % 2 = 1 AS is_fastest_in_team
FROM range(9500, 9524) a(s), range(1, 21) b(d)`

/** The path the load hits. */
export const LEADERBOARD_PATH = '/api/sessions/9512/leaderboard'

/**
 * Copies the package into `dir` and bundles it there as `npm run build` does (bin, src,
 * warehouse, package.json; node_modules linked): the server then runs compiled, as users run it,
 * and edits to the working tree during the run cannot change it. Returns the copy's
 * `bin/pitwall.js`.
 */
export function compiledPackage(dir: string): string {
  for (const entry of ['bin', 'src', 'warehouse', 'package.json', 'tsconfig.json'])
    cpSync(join(root, entry), join(dir, entry), { recursive: true })
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const r = spawnSync(process.execPath, [join(dir, 'bin', 'bundle.js')], {
    cwd: dir,
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`bundling the package failed: ${r.stdout}${r.stderr}`)
  return join(dir, 'bin', 'pitwall.js')
}

/** A fresh lakehouse home with the leaderboard table and a token of `data_analysts`. */
export async function prepareHome(): Promise<{ home: string; token: string }> {
  const home = mkdtempSync(join(tmpdir(), 'pitwall-bench-serve-'))
  const engine = await DuckDbEngine.create()
  try {
    await writeTable({
      store: objectStoreFor(join(home, CATALOG, 'gold_analytics', 'session_leaderboard')),
      executor: engine,
      sql: LEADERBOARD,
    })
    const { token } = await createToken({ home, storeFor: objectStoreFor, engine }, CATALOG, {
      principal: 'data_analysts',
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    return { home, token }
  } finally {
    await engine.close()
  }
}

/** Starts a server process and resolves to its URL (from its first JSON line). */
export function start(
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

/** Stops a server process (SIGTERM) and waits for it to exit. */
export async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** Runs autocannon and measures every response's latency (autocannon's histogram has no p95). */
export async function load(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<{ latencies: number[]; result: autocannon.Result }> {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: seconds, headers },
      (error, done) => (error === null || error === undefined ? resolve(done) : reject(error)),
    )
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms))
  })
  return { latencies: latencies.sort((a, b) => a - b), result }
}
