/**
 * Session discovery over the recorded `/sessions` and `/meetings` (served by the replay server):
 * by year, meeting name, session name, date range and explicit keys — always in `date_start`
 * order, never key order (2023 testing: day 1 is 9222, day 2 is 7763).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import {
  discoverSessions,
  OpenF1Client,
  startReplayServer,
  type ReplayServer,
} from '../../src/openf1/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'

let server: ReplayServer
let client: OpenF1Client
const keys = async (c: Parameters<typeof discoverSessions>[1]): Promise<number[]> =>
  (await discoverSessions(client, c)).map((s) => s.sessionKey)

describeShared('openf1/v1', 'session discovery', () => {
  beforeAll(async () => {
    server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1') })
    client = new OpenF1Client({ baseUrl: server.url, rate: [{ limit: 500, windowMs: 1000 }] })
  })
  afterAll(() => server.close())

  it('orders explicit keys by date_start, not by key', async () => {
    expect(await keys({ sessions: ['7763', '9222'] })).toEqual([9222, 7763])
    expect(await keys({ sessions: ['9069', '9278'] })).toEqual([9278, 9069])
  })

  it('finds a meeting by country and a session by name within a year', async () => {
    expect(await keys({ year: 2024, meeting: 'austria', sessions: ['Race'] })).toEqual([9550])
    const weekend = await discoverSessions(client, { year: 2024, meeting: 'Spielberg' })
    expect(weekend.map((s) => s.name)).toContain('Sprint')
    expect(weekend.every((s) => s.meetingKey === 1239)).toBe(true)
    const starts = weekend.map((s) => Date.parse(s.dateStart))
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  it('filters by date range and by meeting key', async () => {
    const june = await discoverSessions(client, {
      from: '2024-06-28',
      to: '2024-06-30',
      sessions: ['Race'],
    })
    expect(june.map((s) => s.sessionKey)).toEqual([9550])
    expect((await keys({ meeting: '1239' })).length).toBeGreaterThanOrEqual(5)
  })

  it('says what to do when nothing is asked for or the meeting is unknown', async () => {
    await expect(discoverSessions(client, {})).rejects.toThrow(/which sessions/)
    await expect(discoverSessions(client, { year: 2024, meeting: 'Atlantis' })).rejects.toThrow(
      /no meeting matches 'Atlantis'/,
    )
  })
})
