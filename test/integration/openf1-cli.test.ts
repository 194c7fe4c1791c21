/**
 * `pitwall extract`, `replay` and `simulate` as a user runs them: exit codes, the summary of what
 * is missing, `--json`, usage errors, and a replay server in its own process.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import { REPO_ROOT, pitwallEnv } from '../helpers/cli.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { withTmpDir } from '../helpers/tmp.js'

let server: ReplayServer

describeShared('openf1/v1', 'pitwall extract / replay / simulate', () => {
  // laps of 9550 hold 1,407 records: above 1,000 the server answers 422, which is not retried.
  beforeAll(async () => {
    server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1'), maxRows: 1000 })
  })
  afterAll(() => server.close())

  it('exits 1 and lists exactly what is missing when an endpoint fails', async () => {
    await withTmpDir(async (home) => {
      const args = [
        '--home',
        home,
        'extract',
        '--base-url',
        server.url,
        '--session',
        '9550',
        '--endpoints',
        'drivers,laps,weather',
        '--rate',
        '100/s',
      ]
      const io = memoryIo()
      expect(await runCli(args, io)).toBe(1)
      expect(io.out()).toMatch(
        /missing \(1\), re-run the same command to fetch them:\n {2}laps\/9550: OpenF1 answered 422/,
      )
      expect(io.out()).toMatch(/9550\)\s+failed\s+2\s+0\s+0\s+1\s+163/)

      const json = memoryIo()
      expect(await runCli(['--json', ...args], json)).toBe(1)
      const result = JSON.parse(json.out()) as {
        totals: Record<string, number>
        missing: { unit: string }[]
      }
      expect(result.totals).toMatchObject({ skipped: 2, failed: 1 })
      expect(result.missing.map((m) => m.unit)).toEqual(['laps/9550'])
    })
  })

  it('rejects bad options with exit code 2 and says what is allowed', async () => {
    const io = memoryIo()
    expect(await runCli(['extract', '--session', '9550', '--endpoints', 'lap'], io)).toBe(2)
    expect(io.err()).toMatch(/unknown endpoint\(s\) lap; choose from meetings, sessions/)
    const rate = memoryIo()
    expect(await runCli(['extract', '--year', '2024', '--rate', '3/fortnight'], rate)).toBe(2)
    expect(rate.err()).toMatch(/--rate: cannot read '3\/fortnight'/)
    const sim = memoryIo()
    expect(
      await runCli(
        ['simulate', '--seasons', '2024', '--sessions', 'warmup', '--out', '/tmp/x'],
        sim,
      ),
    ).toBe(2)
    expect(sim.err()).toMatch(/unknown kind\(s\) warmup/)
  })

  it('runs `pitwall replay` as a server until it is told to stop', async () => {
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, 'bin', 'pitwall.js'),
        '--json',
        'replay',
        '--data',
        sharedPath('openf1', 'v1'),
        '--port',
        '0',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: pitwallEnv() },
    )
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    const deadline = Date.now() + 60_000
    while (!out.includes('}') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    const { url } = JSON.parse(out) as { url: string }
    const res = await fetch(`${url}/drivers?session_key=9550&driver_number=1&driver_number=44`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { name_acronym: string }[]).map((d) => d.name_acronym)).toEqual([
      'VER',
      'HAM',
    ])
    const missing = await fetch(`${url}/drivers?session_key=1`)
    expect(missing.status).toBe(404)
    expect(await missing.json()).toEqual({ detail: 'No results found.' })
    const csv = await fetch(`${url}/weather?session_key=9550&csv=true`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect((await csv.text()).split('\n')[0]).toBe(
      'air_temperature,date,humidity,meeting_key,pressure,rainfall,session_key,track_temperature,wind_direction,wind_speed',
    )
    const stats = (await (await fetch(url.replace(/\/v1$/, '/_replay/stats'))).json()) as {
      requests: number
      notFound: number
    }
    expect(stats).toMatchObject({ requests: 3, notFound: 1 })
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})
