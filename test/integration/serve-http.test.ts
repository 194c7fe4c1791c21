/**
 * The API over real sockets on 127.0.0.1: `pitwall serve` as a user runs it (a child process,
 * a token from `pitwall tokens create --json`, Ctrl-C), a busy port (one line, exit 2), and a
 * streamed export that a client abandons half way (the statement stops, the audit says so).
 */
import { createAdaptorServer } from '@hono/node-server'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createServer, type AddressInfo, type Server } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { PITWALL_BIN, pitwallEnv, runPitwall } from '../helpers/cli.js'
import { DEV } from './serve-fixture.js'
import { openServeHarness, type ServeHarness } from './serve-support.js'

let h: ServeHarness
beforeAll(async () => {
  h = await openServeHarness({ limits: { exportMaxRows: 5_000_000 } })
})
afterAll(async () => {
  await h?.close()
})

async function listening(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

describe('pitwall serve', () => {
  it('serves the API with tokens from pitwall tokens create, audits with the client address, and stops on SIGTERM', async () => {
    const io = memoryIo({ env: {} })
    expect(
      await runCli(
        [
          '--home',
          h.fixture.home,
          '--json',
          'tokens',
          'create',
          '--principal',
          'data_analysts',
          '--expires-in',
          '1d',
        ],
        io,
      ),
    ).toBe(0)
    const created = JSON.parse(io.out()) as { principal: string; token: string; expires_at: string }
    expect(Object.keys(created).slice(0, 3)).toEqual(['principal', 'token', 'expires_at'])
    const child = spawn(
      process.execPath,
      [PITWALL_BIN, '--home', h.fixture.home, '--json', 'serve', '--port', '0'],
      {
        env: pitwallEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString()
        const m = /"url": "([^"]+)"/.exec(stdout)
        if (m?.[1] !== undefined) resolve(m[1])
      })
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)))
    })
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const board = await fetch(`${url}/api/sessions/9550/leaderboard`, {
        headers: { Authorization: `Bearer ${created.token}` },
      })
      expect(board.status).toBe(200)
      const body = (await board.json()) as { items: { driver_number: number }[] }
      expect(body.items[0]?.driver_number).toBe(14)
      expect((await fetch(`${url}/api/sessions/9550/leaderboard`)).status).toBe(401)
      expect((await fetch(`${url}/api/health`)).status).toBe(200)
      expect((await fetch(`${url}/`)).status).toBe(200)
    } finally {
      child.kill('SIGTERM')
    }
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
    const rows = await h.audit()
    expect(
      rows.some(
        (r) =>
          r['principal'] === 'data_analysts' &&
          r['client_address'] === '127.0.0.1' &&
          r['status_code'] === 200,
      ),
    ).toBe(true)
    expect(
      rows.some(
        (r) =>
          r['principal'] === null &&
          r['client_address'] === '127.0.0.1' &&
          r['status_code'] === 401,
      ),
    ).toBe(true)
  })

  it('says in one line that a busy port is busy, and exits 2', async () => {
    const blocker = createServer()
    const port = await listening(blocker)
    try {
      const r = runPitwall(['--home', h.fixture.home, 'serve', '--port', String(port)])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')[0]).toBe(
        `error: port ${port} on 127.0.0.1 is already in use; stop what is listening there or choose another with --port (0 = any free port)`,
      )
      expect(r.stderr).not.toMatch(/\n\s+at /)
    } finally {
      blocker.close()
    }
  })
})

describe('streamed exports over a socket', () => {
  it('streams a CSV without holding it, and stops the query when the client goes away', async () => {
    const server = createAdaptorServer({ fetch: h.app.fetch }) as unknown as Server
    const port = await listening(server)
    try {
      const before = (await h.audit()).length
      const abort = new AbortController()
      const r = await fetch(`http://127.0.0.1:${port}/api/sql/export`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${h.tokens.admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          sql: `select a.n, b.n as m from ${DEV}.gold_analytics.numbers a, ${DEV}.gold_analytics.numbers b`,
          format: 'csv',
        }),
        signal: abort.signal,
      })
      expect(r.status).toBe(200)
      const reader = r.body!.getReader()
      let received = ''
      while (received.split('\n').length < 5000) {
        const { value, done } = await reader.read()
        if (done) break
        received += new TextDecoder().decode(value)
      }
      // 9 million rows exist; far fewer than that have been produced when we leave.
      expect(received.startsWith('n,m\r\n0,0\r\n')).toBe(true)
      abort.abort()
      await reader.cancel().catch(() => undefined)
      // The audit record is written when the stream ends: wait for it (bounded by count, not time).
      let rows = (await h.audit()).slice(before)
      for (let i = 0; i < 300 && rows.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
        rows = (await h.audit()).slice(before)
      }
      expect(rows).toHaveLength(1)
      expect(rows[0]).toMatchObject({
        action: 'sql.export',
        principal: 'admin',
        outcome: 'failed',
        client_address: '127.0.0.1',
      })
      expect(Number(rows[0]?.['row_count'])).toBeLessThan(9_000_000)
      // The engine keeps serving.
      const again = await fetch(`http://127.0.0.1:${port}/api/sql`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${h.tokens.admin}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ sql: 'select 1 as one' }),
      })
      expect(((await again.json()) as { rows: unknown[] }).rows).toEqual([{ one: 1 }])
    } finally {
      server.close()
    }
  })
})
