/**
 * Issue 12 "done when": `pitwall schedule` against a replay server whose `/sessions` gains an
 * ended session picks it up and builds it exactly once, also across a restart of the scheduler;
 * SIGTERM stops it cleanly. The replay server re-indexes its folder as it grows (reloadData).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulateSeasons, startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import { pitwall, startPitwall, waitFor } from './pipeline-support.js'

const ENDPOINTS = 'sessions,meetings,drivers,laps,stints,pit,race_control,session_result'

let tmp: string
let served: string
let server: ReplayServer
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pitwall-schedule-'))
  // The same seed gives the same first meeting whether one or two are simulated.
  for (const meetings of [1, 2]) {
    await simulateSeasons({
      seasons: [2024],
      meetings,
      kinds: ['race'],
      outDir: join(tmp, `sim${meetings}`),
      seed: 3,
      telemetryHz: 0.2,
    })
  }
  served = join(tmp, 'served')
  cpSync(join(tmp, 'sim1'), served, { recursive: true })
  server = await startReplayServer({ dataDir: served, reloadData: true })
}, 120_000)
afterAll(async () => {
  await server?.close()
  rmSync(tmp, { recursive: true, force: true })
})

/** Adds the second meeting: endpoint folders first, then the session and meeting lists, atomically. */
function growServedData(): void {
  for (const e of readdirSync(join(tmp, 'sim2'), { withFileTypes: true })) {
    if (e.isDirectory())
      cpSync(join(tmp, 'sim2', e.name), join(served, e.name), { recursive: true })
  }
  const staging = join(tmp, 'staging')
  mkdirSync(staging, { recursive: true })
  for (const e of readdirSync(join(tmp, 'sim2'), { withFileTypes: true })) {
    if (!e.isFile()) continue
    cpSync(join(tmp, 'sim2', e.name), join(staging, e.name))
    renameSync(join(staging, e.name), join(served, e.name))
  }
}

const schedule = (...extra: string[]) =>
  startPitwall([
    '--home',
    join(tmp, 'home'),
    'schedule',
    '--base-url',
    server.url,
    '--year',
    '2024',
    '--endpoints',
    ENDPOINTS,
    '--rate',
    '200/s',
    '--delay',
    '0s',
    '--poll',
    '500ms',
    ...extra,
  ])

const successes = (stderr: string): string[] =>
  [...stderr.matchAll(/run \S+ success \(([\d, ]+)\)/g)].map((m) => m[1] ?? '')

describe('pitwall schedule', () => {
  it('runs each ended session exactly once, across a restart', async () => {
    const first = schedule()
    await waitFor(() => successes(first.output().stderr).length === 1, 6000)
    const [firstKey] = successes(first.output().stderr)
    growServedData()
    await waitFor(() => successes(first.output().stderr).length === 2, 6000)
    const secondKey = successes(first.output().stderr)[1]
    expect(secondKey).not.toBe(firstKey)
    first.child.kill('SIGTERM')
    const stopped = await first.done
    expect(stopped.code, stopped.stderr.slice(-1500)).toBe(0)
    expect(stopped.stderr).toContain('SIGTERM received')
    expect(stopped.stdout).toContain('schedule stopped (signal): 2 run(s)')

    const again = await schedule('--max-ticks', '2').done
    expect(again.code, again.stderr.slice(-1500)).toBe(0)
    expect(again.stdout).toContain('schedule stopped (2 tick(s)): 0 run(s)')
    expect(again.stderr.match(/2 ended, 0 to run/g)).toHaveLength(2)

    const listed = await pitwall(['--home', join(tmp, 'home'), '--json', 'runs'])
    const runs = (
      JSON.parse(listed.stdout) as {
        runs: { display: string; trigger: string; partitions: { key: string }[] }[]
      }
    ).runs
    expect(runs.map((r) => r.display)).toEqual(['success', 'success'])
    expect(runs.every((r) => r.trigger === 'schedule: session ended')).toBe(true)
    expect(runs.map((r) => r.partitions.map((p) => p.key).join()).sort()).toEqual(
      [firstKey, secondKey].sort(),
    )
  }, 600_000)

  it('rejects a bad cron expression as a usage error', async () => {
    const r = await schedule('--cron', 'every tuesday', '--max-ticks', '1').done
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("cron expression 'every tuesday' is not valid")
  })
})
