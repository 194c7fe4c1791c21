/**
 * Issue 12: two runs never work on the same session at once. A run whose session is held by a
 * live run stops with a message naming that run (exit 1, nothing written); with `--wait` it
 * queues and runs once the holder is gone. Tiny simulated data; the holder is this test process.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simulateSeasons, startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import { deltaVersions, pitwall, startPitwall, waitFor } from './pipeline-support.js'

let tmp: string
let server: ReplayServer
let sessionKey: string
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pitwall-locks-'))
  await simulateSeasons({
    seasons: [2024],
    meetings: 1,
    kinds: ['race'],
    outDir: join(tmp, 'sim'),
    seed: 9,
    telemetryHz: 0.2,
    gzip: false,
  })
  const sessions = JSON.parse(readFileSync(join(tmp, 'sim', 'sessions.json'), 'utf8')) as {
    session_key: number
  }[]
  sessionKey = String(sessions[0]?.session_key)
  server = await startReplayServer({ dataDir: join(tmp, 'sim') })
}, 120_000)
afterAll(async () => {
  await server?.close()
  rmSync(tmp, { recursive: true, force: true })
})

describe('partition locks', () => {
  it('stop a second run on a held session, or queue it with --wait', async () => {
    const home = join(tmp, 'home')
    const lock = join(home, 'locks', `partition-${sessionKey}.lock`)
    mkdirSync(join(home, 'locks'), { recursive: true })
    writeFileSync(
      lock,
      JSON.stringify({
        runId: 'holder-run',
        pid: process.pid,
        host: hostname(),
        acquiredAt: new Date().toISOString(),
      }),
    )
    const args = [
      '--home',
      home,
      'pipeline',
      '--base-url',
      server.url,
      '--year',
      '2024',
      '--endpoints',
      'sessions,laps',
      '--rate',
      '200/s',
    ]

    const refused = await pitwall(args)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`partition ${sessionKey}`)
    expect(refused.stderr).toContain('is held by run holder-run')
    expect(refused.stderr).toContain('--wait')
    expect(Object.keys(deltaVersions(home))).toEqual([])

    const queued = startPitwall([...args, '--wait'])
    await waitFor(() => queued.output().stderr.includes('waiting'), 600)
    unlinkSync(lock)
    const done = await queued.done
    expect(done.code, done.stderr.slice(-1500)).toBe(0)
    expect(done.stdout).toContain('succeeded')
  }, 300_000)
})
