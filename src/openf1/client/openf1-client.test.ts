import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startReplayServer, type ReplayServer } from '../replay/replay-server.js'
import {
  LiveSessionLockedError,
  OpenF1UnreachableError,
  QueryTooLargeError,
  TransientFailureError,
} from '../openf1-errors.js'
import { FakeClock } from './clock.js'
import { OpenF1Client } from './openf1-client.js'
import { where } from './query.js'
import { TokenProvider, tokenUrlFor } from './token-provider.js'

const FAST = [{ limit: 1000, windowMs: 1000 }]
let dir: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pitwall-client-'))
  mkdirSync(join(dir, 'laps'))
  mkdirSync(join(dir, 'location', 'session_key=1'), { recursive: true })
  const laps = [1, 2, 3].map((lap_number) => ({ session_key: 1, driver_number: 4, lap_number }))
  writeFileSync(join(dir, 'laps', 'session_key=1.json'), JSON.stringify(laps))
  writeFileSync(
    join(dir, 'location', 'session_key=1', 'driver_number=4.json'),
    JSON.stringify([{ session_key: 1, driver_number: 4, x: 1 }]),
  )
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A real server answering from a script of (status, headers, body, delay). */
async function scripted(
  script: { status: number; headers?: Record<string, string>; body: string; delayMs?: number }[],
): Promise<{ url: string; hits: number[]; server: Server }> {
  const hits: number[] = []
  const server = createServer((_req, res) => {
    hits.push(Date.now())
    const step = script[Math.min(hits.length - 1, script.length - 1)]
    if (step === undefined) return void res.end()
    setTimeout(() => {
      if (res.destroyed) return
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers })
      res.end(step.body)
    }, step.delayMs ?? 0)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, hits, server }
}

describe('OpenF1Client', () => {
  it('returns records, and an empty result for 404 "No results found."', async () => {
    const server = await startReplayServer({ dataDir: dir })
    try {
      const client = new OpenF1Client({ baseUrl: server.url, rate: FAST })
      const got = await client.get('laps', [where.eq('session_key', 1), where.gte('lap_number', 2)])
      expect(got.records).toHaveLength(2)
      const none = await client.get('laps', [where.eq('session_key', 2)])
      expect(none).toMatchObject({ status: 404, records: [] })
      await expect(client.get('location', [where.eq('session_key', 1)])).rejects.toBeInstanceOf(
        QueryTooLargeError,
      )
    } finally {
      await server.close()
    }
  })

  it('retries 429 and honours Retry-After, then succeeds', async () => {
    const s = await scripted([
      {
        status: 429,
        headers: { 'retry-after': '7' },
        body: '{"detail":"Rate limit exceeded. Max 3 requests/second.","error":"Too Many Requests"}',
      },
      { status: 503, body: 'Service Unavailable' },
      { status: 200, body: '[{"a":1}]' },
    ])
    const clock = new FakeClock(0, { autoAdvance: true })
    try {
      const client = new OpenF1Client({
        baseUrl: s.url,
        rate: FAST,
        clock,
        random: () => 0,
        retry: { baseDelayMs: 100 },
      })
      const got = await client.get('laps', [])
      expect(got.attempts).toBe(3)
      expect(got.records).toEqual([{ a: 1 }])
      expect(client.stats).toMatchObject({ rateLimited: 1, retries: 2 })
      // 7 s from Retry-After, then 100 ms (attempt 2: ceiling 200 ms, jitter 0 → 100 ms).
      expect(clock.now()).toBe(7100)
    } finally {
      s.server.close()
    }
  })

  it('gives up after the configured attempts with a transient failure', async () => {
    const s = await scripted([{ status: 502, body: '502 Bad Gateway' }])
    try {
      const client = new OpenF1Client({
        baseUrl: s.url,
        rate: FAST,
        clock: new FakeClock(0, { autoAdvance: true }),
        retry: { attempts: 4 },
      })
      const error = await client.get('laps', []).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(TransientFailureError)
      expect((error as TransientFailureError).attempts).toBe(4)
      expect(s.hits).toHaveLength(4)
    } finally {
      s.server.close()
    }
  })

  it('says nothing answers at a closed port, not that the API is busy', async () => {
    const s = await scripted([{ status: 200, body: '[]' }])
    const url = s.url
    await new Promise((r) => s.server.close(r))
    const client = new OpenF1Client({
      baseUrl: url,
      rate: FAST,
      clock: new FakeClock(0, { autoAdvance: true }),
      retry: { attempts: 2 },
    })
    const error = await client.get('laps', []).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenF1UnreachableError)
    expect((error as Error).message).toBe(
      `nothing answers at ${new URL(url).origin} (connection refused; 2 attempt(s))`,
    )
    expect((error as OpenF1UnreachableError).hint).toContain('--base-url')
    expect(client.stats.requests).toBe(2)
  })

  it('retries a request that times out', async () => {
    const s = await scripted([
      { status: 200, body: '[{"late":true}]', delayMs: 2000 },
      { status: 200, body: '[{"late":false}]' },
    ])
    try {
      const client = new OpenF1Client({
        baseUrl: s.url,
        rate: FAST,
        timeoutMs: 200,
        retry: { baseDelayMs: 1 },
      })
      const got = await client.get('laps', [])
      expect(got).toMatchObject({ attempts: 2, records: [{ late: false }] })
    } finally {
      s.server.closeAllConnections()
      s.server.close()
    }
  })

  it('retries truncated bodies and resets from the replay server', async () => {
    const server: ReplayServer = await startReplayServer({
      dataDir: dir,
      faultRate: 0.6,
      seed: 3,
      slowMs: 10,
    })
    try {
      const client = new OpenF1Client({
        baseUrl: server.url,
        rate: FAST,
        retry: { attempts: 12, baseDelayMs: 1 },
      })
      const got = await client.get('laps', [where.eq('session_key', 1)])
      expect(got.records).toHaveLength(3)
      expect(got.attempts).toBe(server.stats.requests)
      expect(got.attempts).toBeGreaterThan(1)
    } finally {
      await server.close()
    }
  })

  it('explains the live-session lockout and authenticates with a token when given credentials', async () => {
    const credentials = { username: 'ana', password: 's3cret' }
    const server = await startReplayServer({ dataDir: dir, credentials })
    try {
      const anonymous = new OpenF1Client({ baseUrl: server.url, rate: FAST })
      const error = await anonymous
        .get('laps', [where.eq('session_key', 1)])
        .catch((e: unknown) => e)
      expect(error).toBeInstanceOf(LiveSessionLockedError)
      expect((error as Error).message).toMatch(/session is live/)
      expect((error as LiveSessionLockedError).hint).toMatch(/OPENF1_USERNAME/)
      const tokens = new TokenProvider(credentials, tokenUrlFor(server.url))
      const authed = new OpenF1Client({ baseUrl: server.url, rate: FAST, tokens })
      expect((await authed.get('laps', [where.eq('session_key', 1)])).records).toHaveLength(3)
      expect(JSON.stringify(error)).not.toContain('s3cret')
    } finally {
      await server.close()
    }
  })
})
