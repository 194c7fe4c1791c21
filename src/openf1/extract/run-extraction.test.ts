import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OpenF1Client } from '../client/openf1-client.js'
import { startReplayServer, type ReplayServer } from '../replay/replay-server.js'
import { ExtractionManifest } from './extraction-manifest.js'
import { runExtraction } from './run-extraction.js'

let root: string
let server: ReplayServer
const session = {
  session_key: 7,
  meeting_key: 70,
  session_name: 'Race',
  session_type: 'Race',
  date_start: '2024-06-30T13:00:00+00:00',
  date_end: '2024-06-30T15:00:00+00:00',
  year: 2024,
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'pitwall-extract-'))
  const data = join(root, 'v1')
  const put = (path: string, rows: unknown[]): void => {
    mkdirSync(join(data, path, '..'), { recursive: true })
    writeFileSync(join(data, path), JSON.stringify(rows))
  }
  put('sessions.json', [session])
  put('meetings.json', [{ meeting_key: 70, meeting_name: 'Test Grand Prix', year: 2024 }])
  put(
    'drivers/session_key=7.json',
    [4, 81].map((driver_number) => ({ session_key: 7, driver_number })),
  )
  put('laps/session_key=7.json', [{ session_key: 7, driver_number: 4, lap_number: '1' }])
  for (const n of [4, 81]) {
    put(`location/session_key=7/driver_number=${n}.json`, [
      { session_key: 7, driver_number: n, x: 1, date: '2024-06-30T13:00:01+00:00' },
    ])
  }
  server = await startReplayServer({ dataDir: data })
})
afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

const client = (): OpenF1Client =>
  new OpenF1Client({ baseUrl: server.url, rate: [{ limit: 1000, windowMs: 1000 }] })

describe('runExtraction', () => {
  it('lands every unit once, skips them on a re-run and replaces them on refresh', async () => {
    const landing = join(root, 'landing')
    const criteria = { year: 2024, meeting: 'test' }
    const first = await runExtraction({
      client: client(),
      landingDir: landing,
      criteria,
      now: () => new Date('2024-07-01T08:00:00Z'),
    })
    expect(first.totals).toMatchObject({ sessions: 1, written: 6, failed: 0 })
    expect(first.totals.empty).toBe(first.totals.units - 6)
    expect(readdirSync(join(landing, 'location')).sort()).toEqual([
      'location_7_4_20240701_080000.json',
      'location_7_81_20240701_080000.json',
    ])
    expect(readdirSync(join(landing, 'meetings'))).toEqual(['meetings_70_20240701_080000.json'])
    // The lap number sent as a string is kept as received and counted as invalid.
    expect(first.sessions[0]?.units.find((u) => u.endpoint === 'laps')?.invalidRecords).toBe(1)

    const again = await runExtraction({ client: client(), landingDir: landing, criteria })
    expect(again.totals).toMatchObject({ written: 0, skipped: first.totals.units })

    const refreshed = await runExtraction({
      client: client(),
      landingDir: landing,
      criteria,
      refresh: true,
      now: () => new Date('2024-07-02T09:30:00Z'),
    })
    expect(refreshed.totals.written).toBe(6)
    expect(readdirSync(join(landing, 'location')).sort()).toEqual([
      'location_7_4_20240702_093000.json',
      'location_7_81_20240702_093000.json',
    ])
    const entry = ExtractionManifest.load(landing).get('location/7/81')
    expect(entry).toMatchObject({
      status: 'complete',
      records: 1,
      file: 'location/location_7_81_20240702_093000.json',
    })
    expect(entry?.requests).toEqual([`${server.url}/location?session_key=7&driver_number=81`])
  })
})
