/**
 * Issue #5 "done when", on the recordings: the real extractor lands sessions 9550 and 9531 from
 * the replay server, `pitwall load` gives bronze row counts equal to the recordings, a second load
 * adds nothing, another process reads the tables with `pitwall sql`, and two loads running at
 * once load every file exactly once. (location and car_data — 2 M rows — are left to the bench
 * to keep this test fast; the loader treats every endpoint alike.)
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createLakehouseEngine } from '../../src/catalog/index.js'
import type { LoadReport } from '../../src/load/index.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import {
  OpenF1Client,
  runExtraction,
  startReplayServer,
  type ReplayServer,
} from '../../src/openf1/index.js'
import { pitwallEnv, runPitwall, REPO_ROOT } from '../helpers/cli.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { withTmpDir } from '../helpers/tmp.js'
import { CATALOG, load } from './load-support.js'

const ENDPOINTS = ['sessions', 'meetings', 'drivers', 'laps', 'stints', 'weather', 'race_control']
const SESSIONS = [9550, 9531]

/** Records per (endpoint, session) in the recordings, from COUNTS.tsv. */
function recordedCounts(): Map<string, number> {
  const counts = new Map<string, number>()
  for (const line of readFileSync(sharedPath('openf1', 'COUNTS.tsv'), 'utf8')
    .split('\n')
    .slice(1)) {
    const [endpoint, session, , records] = line.split('\t')
    if (endpoint === undefined || !ENDPOINTS.includes(endpoint)) continue
    if (!SESSIONS.includes(Number(session))) continue
    counts.set(
      `${endpoint}/${session}`,
      (counts.get(`${endpoint}/${session}`) ?? 0) + Number(records),
    )
  }
  return counts
}

/** Runs `pitwall <args>` without blocking the event loop. */
function pitwallAsync(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'pitwall.js'), ...args], {
      env: pitwallEnv(),
    })
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout }))
  })
}

describeShared('openf1/v1', 'bronze loading of the recorded sessions', () => {
  let server: ReplayServer
  let landing: string
  let cleanup: () => void

  beforeAll(async () => {
    server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1') })
    const dir = mkdtempSync(join(tmpdir(), 'pitwall-landing-'))
    cleanup = () => rmSync(dir, { recursive: true, force: true })
    landing = join(dir, 'landing')
    const client = new OpenF1Client({ baseUrl: server.url, rate: [], concurrency: 8 })
    const result = await runExtraction({
      client,
      landingDir: landing,
      criteria: { sessions: SESSIONS.map(String) },
      endpoints: ENDPOINTS as never,
    })
    expect(result.totals.failed).toBe(0)
  })

  afterAll(async () => {
    await server.close()
    cleanup()
  })

  it('loads row counts equal to the recordings, and a second load adds nothing', () =>
    withTmpDir(async (home) => {
      cpSync(landing, join(home, 'landing'), { recursive: true })
      const engine = await DuckDbEngine.create()
      try {
        const first = await load(home, engine)
        expect(first.hasFailures).toBe(false)
        expect(first.tables.every((t) => t.reconciled)).toBe(true)
        const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
        const expected = recordedCounts()
        expect(expected.size).toBeGreaterThan(8)
        for (const [key, records] of expected) {
          const [endpoint, session] = key.split('/')
          const [row] = await lake.all(
            `SELECT count(*) AS n FROM ${CATALOG}.bronze_raw.bronze_${endpoint} WHERE session_key = ${session}`,
          )
          expect({ key, n: row?.['n'] }).toEqual({ key, n: records })
        }
        const second = await load(home, engine)
        expect(second.totals.records).toBe(0)
        expect(second.tables.every((t) => t.status === 'up-to-date')).toBe(true)

        // Another process reads the same lakehouse by three-level name.
        const sql = runPitwall([
          '--home',
          home,
          'sql',
          '--format',
          'json',
          `SELECT session_key, count(*) AS laps, count(DISTINCT driver_number) AS drivers FROM ${CATALOG}.bronze_raw.bronze_laps GROUP BY ALL ORDER BY session_key`,
        ])
        expect(sql.code).toBe(0)
        expect(JSON.parse(sql.stdout)).toEqual([
          { session_key: 9531, laps: expected.get('laps/9531'), drivers: 20 },
          { session_key: 9550, laps: expected.get('laps/9550'), drivers: 20 },
        ])
      } finally {
        await engine.close()
      }
    }))

  it('loads every file exactly once when two processes load at the same time', () =>
    withTmpDir(async (home) => {
      cpSync(landing, join(home, 'landing'), { recursive: true })
      const runs = await Promise.all([
        pitwallAsync(['--home', home, '--json', 'load']),
        pitwallAsync(['--home', home, '--json', 'load']),
      ])
      const reports = runs.map((r) => {
        expect(r.code).toBe(0)
        return JSON.parse(r.stdout) as LoadReport
      })
      const committed = reports.flatMap((r) => r.tables.flatMap((t) => t.files))
      const sources = committed.map((f) => f.sourceFile).sort()
      expect(new Set(sources).size).toBe(sources.length)
      expect(sources.length).toBe(ENDPOINTS.length * SESSIONS.length - 1) // no race_control for 9531
      const engine = await DuckDbEngine.create()
      try {
        const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
        for (const [key, records] of recordedCounts()) {
          const [endpoint, session] = key.split('/')
          const [row] = await lake.all(
            `SELECT count(*) AS n FROM ${CATALOG}.bronze_raw.bronze_${endpoint} WHERE session_key = ${session}`,
          )
          expect({ key, n: row?.['n'] }).toEqual({ key, n: records })
        }
        const log = await lake.all(
          `SELECT source_file FROM ${CATALOG}.system.load_log ORDER BY source_file`,
        )
        expect(log.map((r) => r['source_file'])).toEqual(sources)
      } finally {
        await engine.close()
      }
    }))

  it('loads every file exactly once after a load was killed mid-way', () =>
    withTmpDir(async (home) => {
      cpSync(landing, join(home, 'landing'), { recursive: true })
      const child = spawn(
        process.execPath,
        [join(REPO_ROOT, 'bin', 'pitwall.js'), '--home', home, 'load'],
        { env: pitwallEnv() },
      )
      const exited = new Promise<void>((r) => child.on('close', () => r()))
      const firstCommit = join(
        home,
        CATALOG,
        'bronze_raw',
        'bronze_drivers',
        '_delta_log',
        '00000000000000000000.json',
      )
      for (let i = 0; i < 600 && !existsSync(firstCommit); i++)
        await new Promise((r) => setTimeout(r, 20))
      child.kill('SIGKILL')
      await exited
      const engine = await DuckDbEngine.create()
      try {
        const report = await load(home, engine)
        expect(report.hasFailures).toBe(false)
        const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
        for (const [key, records] of recordedCounts()) {
          const [endpoint, session] = key.split('/')
          const [row] = await lake.all(
            `SELECT count(*) AS n FROM ${CATALOG}.bronze_raw.bronze_${endpoint} WHERE session_key = ${session}`,
          )
          expect({ key, n: row?.['n'] }).toEqual({ key, n: records })
        }
        const log = await lake.all(
          `SELECT count(*) AS entries, count(DISTINCT source_file) AS files FROM ${CATALOG}.system.load_log`,
        )
        expect(log).toEqual([
          {
            entries: ENDPOINTS.length * SESSIONS.length - 1,
            files: ENDPOINTS.length * SESSIONS.length - 1,
          },
        ])
      } finally {
        await engine.close()
      }
    }))
})
