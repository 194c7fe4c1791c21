/**
 * Issue 12: `pitwall promote --from stage --to prod` tests the source first and copies its tables
 * only when every selected test passes; a failing test refuses the promotion and leaves prod as
 * it was; both are recorded in prod's run history. Small simulated data (one race, no telemetry).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../src/engine/index.js'
import { loadSnapshot, objectStoreFor, scanSql, writeTable } from '../../src/lake/index.js'
import { simulateSeasons, startReplayServer, type ReplayServer } from '../../src/openf1/index.js'
import { deltaVersions, pitwall } from './pipeline-support.js'

const ENDPOINTS = 'sessions,meetings,drivers,laps,stints,pit,race_control,session_result'
const STAGE = 'stage_f1_data_analytics'
const PROD = 'prod_f1_data_analytics'

let tmp: string
let home: string
let server: ReplayServer
let engine: DuckDbEngine
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'pitwall-promote-'))
  home = join(tmp, 'home')
  await simulateSeasons({
    seasons: [2024],
    meetings: 1,
    kinds: ['race'],
    outDir: join(tmp, 'sim'),
    seed: 5,
    telemetryHz: 0.2,
  })
  server = await startReplayServer({ dataDir: join(tmp, 'sim') })
  engine = await DuckDbEngine.create()
  const built = await pitwall([
    '--home',
    home,
    '--target',
    'stage',
    'pipeline',
    '--base-url',
    server.url,
    '--year',
    '2024',
    '--endpoints',
    ENDPOINTS,
    '--rate',
    '200/s',
  ])
  expect(built.code, built.stderr.slice(-2000)).toBe(0)
}, 600_000)
afterAll(async () => {
  await engine?.close()
  await server?.close()
  rmSync(tmp, { recursive: true, force: true })
})

async function rows(catalog: string, table: string): Promise<string[]> {
  const snapshot = await loadSnapshot(objectStoreFor(join(home, catalog, table)), { sql: engine })
  const all = await engine.all(`SELECT * FROM (${await scanSql(snapshot, { sql: engine })})`)
  return all
    .map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
    .sort()
}

const promote = (...select: string[]) =>
  pitwall(['--home', home, '--json', 'promote', '--from', 'stage', '--to', 'prod', ...select])

describe('pitwall promote', () => {
  it('copies every table once the tests pass, and nothing when nothing changed', async () => {
    const r = await promote()
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    const out = JSON.parse(r.stdout) as {
      status: string
      tests: { passed: number; failed: string[] }
      tables: { name: string; status: string }[]
    }
    expect(out.status).toBe('success')
    expect(out.tests.failed).toEqual([])
    expect(out.tests.passed).toBeGreaterThan(100)
    expect(out.tables.map((t) => t.name)).toContain('gold_analytics.race_results')
    expect(out.tables.every((t) => t.status === 'copied')).toBe(true)
    for (const t of [
      'gold_analytics/race_results',
      'silver_clean/silver_laps',
      'gold_analytics/dim_drivers',
    ])
      expect(await rows(PROD, t), t).toEqual(await rows(STAGE, t))

    const before = deltaVersions(home)
    const again = await promote()
    const second = JSON.parse(again.stdout) as { tables: { status: string }[] }
    expect(second.tables.every((t) => t.status === 'up to date')).toBe(true)
    const after = deltaVersions(home)
    for (const [t, v] of Object.entries(before))
      if (t.startsWith(`${PROD}/`) && !t.includes('/system/')) expect(after[t], t).toBe(v)
  }, 600_000)

  it('refuses when a selected test fails on the source and leaves prod as it was', async () => {
    // A duplicate row breaks race_results' unique key on stage.
    const store = objectStoreFor(join(home, STAGE, 'gold_analytics', 'race_results'))
    const snapshot = await loadSnapshot(store, { sql: engine })
    await writeTable({
      store,
      executor: engine,
      sql: `SELECT * FROM (${await scanSql(snapshot, { sql: engine })}) LIMIT 1`,
      mode: 'append',
    })
    const before = deltaVersions(home)[`${PROD}/gold_analytics/race_results`]

    const r = await promote('--select', 'race_results')
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout) as {
      runId: string
      status: string
      tests: { failed: string[] }
      tables: unknown[]
    }
    expect(out.status).toBe('refused')
    expect(out.tests.failed.some((t) => t.includes('race_results'))).toBe(true)
    expect(out.tables).toEqual([])
    expect(deltaVersions(home)[`${PROD}/gold_analytics/race_results`]).toBe(before)

    const listed = await pitwall(['--home', home, '--target', 'prod', '--json', 'runs'])
    const runs = (
      JSON.parse(listed.stdout) as { runs: { runId: string; kind: string; display: string }[] }
    ).runs
    expect(runs[0]).toMatchObject({ runId: out.runId, kind: 'promote', display: 'refused' })
    expect(runs.filter((x) => x.kind === 'promote' && x.display === 'success')).toHaveLength(2)
  }, 600_000)
})
