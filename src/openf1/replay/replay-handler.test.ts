import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { answerQuery, NOT_FOUND_BODY, TOO_MUCH_BODY } from './replay-handler.js'
import { ReplayData } from './replay-data.js'

let dir: string
let data: ReplayData
const sessions = [
  {
    session_key: 2,
    meeting_key: 20,
    date_start: '2024-06-30T13:00:00+00:00',
    session_name: 'Race',
  },
  {
    session_key: 1,
    meeting_key: 20,
    date_start: '2024-06-29T14:00:00+00:00',
    session_name: 'Qualifying',
  },
]
const laps = [1, 2, 3].map((lap_number) => ({
  session_key: 2,
  driver_number: 4,
  lap_number,
  team_colour: 'FF8000',
}))
const laps1Text = `[ ${JSON.stringify({ session_key: 1, driver_number: 4, lap_number: 1 })} ]`

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pitwall-replay-'))
  writeFileSync(join(dir, 'sessions.json'), JSON.stringify(sessions))
  mkdirSync(join(dir, 'laps'))
  writeFileSync(join(dir, 'laps', 'session_key=2.json.gz'), gzipSync(JSON.stringify(laps)))
  writeFileSync(join(dir, 'laps', 'session_key=1.json'), laps1Text)
  mkdirSync(join(dir, 'car_data', 'session_key=2'), { recursive: true })
  writeFileSync(join(dir, 'car_data', 'session_key=2', 'driver_number=4.json'), '[]')
  data = new ReplayData(dir)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('answerQuery', () => {
  it('serves a file exactly as recorded for its own query, .json and .json.gz alike', async () => {
    expect(await answerQuery(data, 'laps', 'session_key=1')).toMatchObject({
      status: 200,
      body: laps1Text,
      records: 1,
    })
    const gz = await answerQuery(data, 'laps', 'session_key=2')
    expect(JSON.parse(gz.body)).toEqual(laps)
  })

  it('filters across files, ORs repeats, resolves latest and answers CSV', async () => {
    const both = await answerQuery(
      data,
      'laps',
      'session_key=1&session_key=2&lap_number>=1&lap_number<2',
    )
    expect(JSON.parse(both.body)).toHaveLength(2)
    const latest = await answerQuery(data, 'laps', 'session_key=latest&lap_number=3')
    expect(JSON.parse(latest.body)).toEqual([laps[2]])
    const csv = await answerQuery(data, 'laps', 'session_key=2&lap_number=3&csv=true')
    expect(csv.type).toBe('text/csv')
    expect(csv.body).toBe('driver_number,lap_number,session_key,team_colour\n4,3,2,FF8000\n')
  })

  it('answers 404 with the API body for no match, an empty file or an unknown endpoint', async () => {
    for (const [e, q] of [
      ['laps', 'session_key=9'],
      ['car_data', 'session_key=2&driver_number=4'],
      ['pit', 'session_key=2'],
    ]) {
      expect(await answerQuery(data, e ?? '', q ?? '')).toMatchObject({
        status: 404,
        body: NOT_FOUND_BODY,
      })
    }
  })

  it('answers 422 for car_data without driver_number and above maxRows', async () => {
    expect(await answerQuery(data, 'car_data', 'session_key=2')).toMatchObject({
      status: 422,
      body: TOO_MUCH_BODY,
    })
    expect((await answerQuery(data, 'laps', 'session_key=2', { maxRows: 2 })).status).toBe(422)
  })
})
