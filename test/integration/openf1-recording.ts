/**
 * Helpers for the OpenF1 extraction tests: session 9550 as recorded in ../shared/openf1/v1 and as
 * landed by an extraction, both as `<endpoint>/<driver|->` → canonical JSON text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { expect } from 'vitest'
import { parseLandingFileName, type ExtractionResult } from '../../src/openf1/index.js'
import { sharedPath } from '../helpers/shared-data.js'

/** The recordings. */
export const V1 = sharedPath('openf1', 'v1')
const SESSION = 9550
const MEETING = 1239

const canon = (text: string): string => JSON.stringify(JSON.parse(text))
const readRecorded = (path: string): string =>
  canon(gunzipSync(readFileSync(path)).toString('utf8'))

let recording: Map<string, string> | undefined

/** The recording of 9550, as `<endpoint>/<driver|->` → canonical JSON text (read once). */
export function recorded(): Map<string, string> {
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
export function landed(landingDir: string): Map<string, string> {
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

export function expectEqualToRecording(landingDir: string, result: ExtractionResult): void {
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
