import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenF1Client } from '../client/openf1-client.js'
import { where } from '../client/query.js'
import { QueryTooLargeError } from '../openf1-errors.js'
import { startReplayServer, type ReplayServer } from '../replay/replay-server.js'
import { fetchUnit, splitBoundaries } from './fetch-unit.js'

const START = Date.parse('2024-06-30T13:00:00Z')
let dir: string
let server: ReplayServer
const rows = Array.from({ length: 120 }, (_, i) => ({
  date: new Date(START - 1_800_000 + i * 75_000).toISOString().replace('Z', '000+00:00'),
  session_key: 1,
  driver_number: 4,
  x: i,
}))

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pitwall-split-'))
  mkdirSync(join(dir, 'location', 'session_key=1'), { recursive: true })
  writeFileSync(
    join(dir, 'location', 'session_key=1', 'driver_number=4.json'),
    JSON.stringify(rows),
  )
  server = await startReplayServer({ dataDir: dir, maxRows: 40 })
})
afterAll(async () => {
  await server.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('fetchUnit', () => {
  const span = { start: '2024-06-30T13:00:00+00:00', end: '2024-06-30T15:00:00+00:00' }
  const filters = [where.eq('session_key', 1), where.eq('driver_number', 4)]

  it('splits by date windows on 422 and joins the pieces in order, losing nothing', async () => {
    const client = new OpenF1Client({
      baseUrl: server.url,
      rate: [{ limit: 1000, windowMs: 1000 }],
    })
    const got = await fetchUnit(client, 'location', filters, span)
    expect(got.records).toEqual(rows)
    // Rows every 75 s from 12:30 to 15:00; windows span 12:00–16:00. Halves (60+ rows) and
    // quarters (48 rows in 13–14 h) exceed 40; eighths (at most 24) fit.
    expect(got.requests).toHaveLength(8)
    expect(got.requests[0]).toContain('date<2024-06-30T12%3A30%3A00.000Z')
    expect(JSON.parse(got.body)).toEqual(rows)
  })

  it('rethrows the 422 as QueryTooLargeError when it has no span to split', async () => {
    const client = new OpenF1Client({
      baseUrl: server.url,
      rate: [{ limit: 1000, windowMs: 1000 }],
    })
    await expect(fetchUnit(client, 'location', filters)).rejects.toBeInstanceOf(QueryTooLargeError)
  })

  it('cuts the session ± 1 h into 2^level windows', () => {
    expect(splitBoundaries(span, 1)).toEqual(['2024-06-30T14:00:00.000Z'])
    expect(splitBoundaries(span, 2)).toHaveLength(3)
  })
})
