/**
 * `pitwall demo` (what `npm start` runs): offline, in its own home, a short summary with the race
 * classification, the details in a log file it names; a second run finds nothing new.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PITWALL_BIN, REPO_ROOT, pitwallEnv } from '../helpers/cli.js'

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
})
