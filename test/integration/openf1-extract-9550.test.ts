/**
 * Extracting session 9550 (every endpoint) from `pitwall replay` over the recordings yields
 * landing files whose records equal the recording, endpoint by endpoint — also with 20 % of the
 * requests faulted, and without a single 429 caused by the client.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { expect, it } from 'vitest'
import {
  OpenF1Client,
  parseLandingFileName,
  runExtraction,
  startReplayServer,
  type ExtractionResult,
} from '../../src/openf1/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { withTmpDir } from '../helpers/tmp.js'

const V1 = sharedPath('openf1', 'v1')
const SESSION = 9550
const MEETING = 1239

const canon = (text: string): string => JSON.stringify(JSON.parse(text))
const readRecorded = (path: string): string =>
  canon(gunzipSync(readFileSync(path)).toString('utf8'))

let recording: Map<string, string> | undefined

/** The recording of 9550, as `<endpoint>/<driver|->` → canonical JSON text (read once). */
function recorded(): Map<string, string> {
  if (recording !== undefined) return recording
  const out = new Map<string, string>()
  recording = out
  for (const endpoint of readdirSync(V1, { withFileTypes: true })) {
    if (!endpoint.isDirectory()) continue
    const file = join(V1, endpoint.name, `session_key=${SESSION}.json.gz`)
    if (existsSync(file)) out.set(`${endpoint.name}/-`, readRecorded(file))
    const dir = join(V1, endpoint.name, `session_key=${SESSION}`)
    if (!existsSync(dir)) continue
    for (const f of readdirSync(dir)) {
      const n = /^driver_number=(\d+)\.json\.gz$/.exec(f)?.[1]
      if (n !== undefined) out.set(`${endpoint.name}/${n}`, readRecorded(join(dir, f)))
    }
  }
  const all = (name: string): Record<string, unknown>[] =>
    JSON.parse(readFileSync(join(V1, `${name}.json`), 'utf8')) as Record<string, unknown>[]
  out.set('sessions/-', JSON.stringify(all('sessions').filter((s) => s['session_key'] === SESSION)))
  out.set('meetings/-', JSON.stringify(all('meetings').filter((m) => m['meeting_key'] === MEETING)))
  return out
}

/** The landing zone as the same map; fails on a unit with two files. */
function landed(landingDir: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const endpoint of readdirSync(landingDir, { withFileTypes: true })) {
    if (!endpoint.isDirectory()) continue
    for (const name of readdirSync(join(landingDir, endpoint.name))) {
      const parsed = parseLandingFileName(endpoint.name, name)
      expect(parsed, `unexpected file ${endpoint.name}/${name}`).toBeDefined()
      const id = `${endpoint.name}/${parsed?.driverNumber ?? '-'}`
      expect(out.has(id), `two files for ${id}`).toBe(false)
      out.set(id, canon(readFileSync(join(landingDir, endpoint.name, name), 'utf8')))
    }
  }
  return out
}

function expectEqualToRecording(landingDir: string, result: ExtractionResult): void {
  expect(result.missing).toEqual([])
  const want = recorded()
  const got = landed(landingDir)
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
  for (const [id, text] of want) {
    // Compare as text: a deep equal over ~1M records would dominate the test's time.
    expect(got.get(id) === text, `${id} differs from the recording`).toBe(true)
  }
  expect(want.get('location/1')?.length).toBeGreaterThan(1_000_000)
}

describeShared('openf1/v1', 'extracting session 9550 from the replay server', () => {
  it('lands records equal to the recording, endpoint by endpoint', async () => {
    const server = await startReplayServer({ dataDir: V1 })
    try {
      await withTmpDir(async (dir) => {
        const client = new OpenF1Client({
          baseUrl: server.url,
          rate: [{ limit: 500, windowMs: 1000 }],
        })
        const result = await runExtraction({
          client,
          landingDir: dir,
          criteria: { sessions: [String(SESSION)] },
        })
        expect(result.totals).toMatchObject({ sessions: 1, failed: 0 })
        expect(result.totals.records).toBeGreaterThan(1_000_000)
        expectEqualToRecording(dir, result)
      })
    } finally {
      await server.close()
    }
  })

  it('lands the same records with 20 % of requests faulted and causes no 429', async () => {
    const rate = [{ limit: 40, windowMs: 1000 }]
    const server = await startReplayServer({
      dataDir: V1,
      faultRate: 0.2,
      seed: 2024,
      slowMs: 300,
      rate,
    })
    try {
      await withTmpDir(async (dir) => {
        // 5 attempts: a unit is lost only if 5 faults in a row hit it (0.2^5 ≈ 0.03 %).
        const client = new OpenF1Client({
          baseUrl: server.url,
          rate,
          retry: { attempts: 5, baseDelayMs: 50 },
          timeoutMs: 10_000,
        })
        const result = await runExtraction({
          client,
          landingDir: dir,
          criteria: { sessions: [String(SESSION)] },
        })
        const faults = Object.values(server.stats.faults).reduce((a, b) => a + b, 0)
        expect(faults).toBeGreaterThan(5)
        expect(result.totals.retries).toBeGreaterThan(0)
        expect(server.stats.rateLimited).toBe(0)
        expect(client.stats.rateLimited).toBe(0)
        expectEqualToRecording(dir, result)
      })
    } finally {
      await server.close()
    }
  })
})
