/**
 * `pitwall demo` (what `npm start` runs): offline, in its own home, a short summary with the race
 * classification, the details in a log file it names; a second run finds nothing new; without
 * `--no-serve` it ends by printing the dashboard's URL on the race, signed in with an expiring
 * token, and serves it until stopped.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PITWALL_BIN, REPO_ROOT, pitwallEnv, runPitwall } from '../helpers/cli.js'

const tmp = mkdtempSync(join(tmpdir(), 'pitwall-demo-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function demo(args: readonly string[]) {
  const r = spawnSync(process.execPath, [PITWALL_BIN, '--home', join(tmp, 'home'), ...args], {
    cwd: REPO_ROOT,
    env: pitwallEnv(),
    encoding: 'utf8',
    timeout: 600_000,
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

describe('pitwall demo', () => {
  it('runs the pipeline on a simulated weekend and prints the race with race times in ≤ 30 lines', () => {
    const r = demo(['demo', '--no-serve'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines.length).toBeLessThanOrEqual(30)
    const home = join(tmp, 'home', 'demo')
    expect(lines[0]).toContain('demo.log')
    expect(readFileSync(join(home, 'demo.log'), 'utf8')).toMatch(/build:/)
    for (const step of ['simulate', 'extract', 'load', 'build', 'history'])
      expect(lines.some((l) => l.startsWith('✔') && l.includes(step))).toBe(true)
    // The winner's race time (h:mm:ss.sss) and the others' gaps.
    expect(r.stdout).toMatch(/^\s+1 {2}.+ \d:\d\d:\d\d\.\d{3}/m)
    expect(r.stdout).toMatch(/^\s+2 {2}.+ \+\d+\.\d{3}/m)
    // Its own home: nothing in the tour's catalogs.
    expect(existsSync(join(tmp, 'home', 'dev_f1_data_analytics'))).toBe(false)
    expect(existsSync(join(home, 'dev_f1_data_analytics', 'system', 'pipeline_runs'))).toBe(true)
  }, 600_000)

  it('finds nothing new the second time and says so as JSON', () => {
    const r = demo(['--json', 'demo', '--no-serve'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      run: { status: string; recorded: boolean }
      leaderboard: { rows: { position: number; raceTimeSeconds: number | null }[] }
      serve: string
    }
    expect(out.run).toMatchObject({ status: 'nothing-new', recorded: false })
    expect(out.leaderboard.rows).toHaveLength(20)
    expect(out.leaderboard.rows[0]).toMatchObject({ position: 1 })
    expect(out.leaderboard.rows[0]?.raceTimeSeconds).toBeGreaterThan(3000)
    expect(out.serve).toContain('--no-serve')
  }, 600_000)

  it('ends by printing the dashboard URL on the race, which works with its expiring token', async () => {
    const child = spawn(
      process.execPath,
      [PITWALL_BIN, '--home', join(tmp, 'home'), 'demo', '--port', '0'],
      { cwd: REPO_ROOT, env: pitwallEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
    try {
      await new Promise<void>((done, fail) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString()
          if (stdout.includes('Ctrl-C to stop\n')) done()
        })
        void exited.then((code) => fail(new Error(`demo exited (${code}): ${stdout}${stderr}`)))
      })
      const lines = stdout.trimEnd().split('\n')
      expect(lines.length).toBeLessThanOrEqual(30)
      expect(lines.at(-1)).toBe('Ctrl-C to stop')
      const link = /^Open the race: (http:\/\/127\.0\.0\.1:\d+)\/sessions\/(\d+)#token=(\S+)$/.exec(
        lines.at(-2) ?? '',
      )
      expect(link, lines.at(-2)).not.toBeNull()
      const [, base, key, token] = link as unknown as [string, string, string, string]
      // The page: the dashboard's shell (its deep link answers with index.html).
      const page = await fetch(`${base}/sessions/${key}`)
      expect(page.status).toBe(200)
      expect(await page.text()).toMatch(/<script[^>]+src="\/assets\/index-/)
      // The token in the fragment reads the race's leaderboard; without it, 401.
      const api = `${base}/api/sessions/${key}/leaderboard`
      expect((await fetch(api)).status).toBe(401)
      const board = await fetch(api, {
        headers: { Authorization: `Bearer ${decodeURIComponent(token)}` },
      })
      expect(board.status).toBe(200)
      const body = (await board.json()) as { items: { driver_number: number }[] }
      expect(body.items.length).toBeGreaterThan(0)
      // The token expires (12 h), and it belongs to the admin group.
      const list = runPitwall(['--home', join(tmp, 'home', 'demo'), '--json', 'tokens', 'list'])
      expect(list.code).toBe(0)
      const tokens = JSON.parse(list.stdout) as {
        token_id: string
        principal: string
        status: string
        expires_at: string
      }[]
      const demoToken = tokens.find((t) =>
        decodeURIComponent(token).startsWith(`pwt_${t.token_id}_`),
      )
      expect(demoToken).toMatchObject({ principal: 'admin', status: 'active' })
      const hours = (Date.parse(demoToken?.expires_at ?? '') - Date.now()) / 3_600_000
      expect(hours).toBeGreaterThan(11)
      expect(hours).toBeLessThanOrEqual(12)
    } finally {
      child.kill('SIGTERM')
    }
    expect(await exited).toBe(0)
    expect(stderr).toBe('')
  }, 600_000)

  it('says in one line that the port is busy, and exits 2', async () => {
    const blocker = createServer()
    blocker.listen(0, '127.0.0.1')
    await once(blocker, 'listening')
    const port = (blocker.address() as AddressInfo).port
    try {
      const r = demo(['demo', '--port', String(port)])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toEqual([
        `error: port ${port} on 127.0.0.1 is already in use; stop what is listening there or choose another with --port (0 = any free port)`,
      ])
      // The work before it still happened and was shown.
      expect(r.stdout).toMatch(/^\s+1 {2}.+ \d:\d\d:\d\d\.\d{3}/m)
    } finally {
      blocker.close()
    }
  }, 600_000)
})
