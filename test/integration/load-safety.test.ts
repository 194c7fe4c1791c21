/**
 * Issue 11, "loading never loses a file": bad landing files are quarantined and reported, the
 * good files around them load, a file that disappears is reported, keys DuckDB cannot take as
 * columns and numbers that are not finite are rescued instead of failing the table or poisoning
 * silver, and a rerun changes nothing.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLakehouseEngine } from '../../src/catalog/index.js'
import type { Progress } from '../../src/core/index.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import type { LoadReport } from '../../src/load/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { CATALOG, load, runInProcess, writeLanding } from './load-support.js'

const lap = (driver: number, n: number, extra = ''): string =>
  `{"meeting_key": 1239, "session_key": 9550, "driver_number": ${driver}, "lap_number": ${n}, "lap_duration": ${70 + n / 10}${extra}}`

/** The `_delta_log` commit files of every bronze table (what a rerun must not change). */
function commits(home: string): string[] {
  const schema = join(home, CATALOG, 'bronze_raw')
  if (!existsSync(schema)) return []
  return readdirSync(schema).flatMap((t) =>
    readdirSync(join(schema, t, '_delta_log'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${t}/${f}`),
  )
}

/** An extraction manifest saying how many records each file had when it landed. */
function writeManifest(home: string, records: Record<string, number>): void {
  const entries = Object.fromEntries(
    Object.entries(records).map(([file, n]) => {
      const [endpoint = ''] = file.split('/')
      const unit = `${endpoint}/${file.split('_').at(-3) ?? '0'}`
      const entry = {
        unit,
        endpoint,
        session_key: 9550,
        meeting_key: 1239,
        driver_number: null,
        status: 'complete',
        file,
        requests: [],
        http_status: 200,
        records: n,
        bytes: 0,
        sha256: null,
        attempts: 1,
        extracted_at: '2024-06-30T15:00:00Z',
      }
      return [unit, entry]
    }),
  )
  const manifest = { schemaVersion: 1, updated_at: '2024-06-30T15:00:00Z', entries }
  writeFileSync(join(home, 'landing', '_manifest.json'), JSON.stringify(manifest))
}

function write(home: string, endpoint: string, name: string, body: string | Buffer): string {
  writeLanding(home, endpoint, 1, '20240630_150000', '[]') // makes the folder
  rmSync(join(home, 'landing', endpoint, `${endpoint}_1_20240630_150000.json`))
  writeFileSync(join(home, 'landing', endpoint, name), body)
  return `${endpoint}/${name}`
}

describe('loading never loses a file', () => {
  let engine: DuckDbEngine
  beforeEach(async () => {
    engine = await DuckDbEngine.create()
  })
  afterEach(async () => {
    await engine.close()
  })

  it('quarantines and reports every bad file, loads the good ones around them, and a rerun changes nothing', () =>
    withTmpDir(async (home) => {
      const good = writeLanding(
        home,
        'laps',
        9550,
        '20240630_150000',
        `[${lap(1, 1)},${lap(1, 2)}]`,
      )
      const truncated = writeLanding(home, 'laps', 9551, '20240630_150000', `[${lap(4, 1)}]`)
      const zero = writeLanding(home, 'laps', 9552, '20240630_150000', '')
      const blank = write(home, 'laps', 'laps_9553_20240630_150000.json', '  \n\t ')
      const notGzip = write(home, 'laps', 'laps_9554_20240630_150000.json.gz', 'not gzip at all')
      // Cut just after the header: DuckDB reads such a stream as an empty array, silently.
      const cutGzip = write(
        home,
        'laps',
        'laps_9555_20240630_150000.json.gz',
        gzipSync(`[${lap(16, 1)},${lap(16, 2)},${lap(16, 3)}]`).subarray(0, 11),
      )
      const object = writeLanding(home, 'laps', 9556, '20240630_150000', lap(44, 1))
      const scalars = writeLanding(home, 'laps', 9557, '20240630_150000', `[${lap(63, 1)}, 7]`)
      const empty = writeLanding(home, 'laps', 9558, '20240630_150000', '[ ]')
      const stints = writeLanding(home, 'stints', 9550, '20240630_150000', '[{"stint_number": 1}]')
      writeManifest(home, { [good]: 2, [truncated]: 3, [zero]: 20, [stints]: 1, [empty]: 0 })

      const first = await load(home, engine)
      const reasons = Object.fromEntries(first.quarantined.map((q) => [q.sourceFile, q.reason]))
      expect(reasons).toEqual({
        [truncated]: expect.stringMatching(
          /holds 1 record\(s\) but the extraction manifest recorded 3/,
        ),
        [zero]: expect.stringMatching(
          /holds 0 record\(s\) but the extraction manifest recorded 20/,
        ),
        [blank]: expect.stringMatching(/only whitespace/),
        [notGzip]: expect.stringMatching(/gzip/i),
        [cutGzip]: expect.stringMatching(/corrupt gzip/),
        [object]: expect.stringMatching(/array/i),
        [scalars]: expect.stringMatching(/1 element\(s\) of the top-level array are UBIGINT/),
      })
      expect(first.hasFailures).toBe(true)
      const laps = first.tables.find((t) => t.endpoint === 'laps')
      expect(laps?.files.map((f) => [f.sourceFile, f.records, f.rowsWritten])).toEqual([
        [good, 2, 2],
        [empty, 0, 0],
      ])
      expect(laps?.reconciled).toBe(true)
      expect(first.tables.find((t) => t.endpoint === 'stints')).toMatchObject({ records: 1 })
      for (const q of first.quarantined) {
        expect(existsSync(join(home, 'landing', q.quarantinedAs))).toBe(true)
        expect(existsSync(join(home, 'landing', q.sourceFile))).toBe(false)
      }
      const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
      expect(await lake.all(`SELECT count(*) AS n FROM ${CATALOG}.bronze_raw.bronze_laps`)).toEqual(
        [{ n: 2 }],
      )

      const before = commits(home)
      const again = await load(home, engine)
      expect(again.hasFailures).toBe(false)
      expect(again.quarantined).toEqual([])
      expect(again.tables.every((t) => t.status === 'up-to-date')).toBe(true)
      expect(commits(home)).toEqual(before)
    }))

  it('rescues an empty key and a key equal but for case, and every later file of the table still loads', () =>
    withTmpDir(async (home) => {
      writeLanding(
        home,
        'laps',
        9550,
        '20240630_150000',
        `[${lap(1, 1, ', "": "x"')},${lap(1, 2)}]`,
      )
      writeLanding(home, 'laps', 9551, '20240630_150000', `[${lap(4, 1, ', "LAP_NUMBER": 9')}]`)
      const first = await load(home, engine)
      expect(first.hasFailures).toBe(false)
      expect(first.tables[0]).toMatchObject({ status: 'loaded', records: 3, rowsRescued: 2 })

      writeLanding(home, 'laps', 9552, '20240630_150000', `[${lap(16, 1)}]`)
      const second = await load(home, engine)
      expect(second.hasFailures).toBe(false)
      expect(second.tables[0]).toMatchObject({ status: 'loaded', records: 1 })
      const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
      expect(
        await lake.all(
          `SELECT driver_number, lap_number, _rescued_data::VARCHAR AS r FROM ${CATALOG}.bronze_raw.bronze_laps ORDER BY ALL`,
        ),
      ).toEqual([
        { driver_number: 1, lap_number: 1, r: '{"":"x"}' },
        { driver_number: 1, lap_number: 2, r: null },
        { driver_number: 4, lap_number: 1, r: '{"LAP_NUMBER":9}' },
        { driver_number: 16, lap_number: 1, r: null },
      ])
      const before = commits(home)
      expect((await load(home, engine)).hasFailures).toBe(false)
      expect(commits(home)).toEqual(before)
    }))

  it('rescues NaN, Infinity and 1e400, so bronze holds no non-finite number and silver_laps builds', () =>
    withTmpDir(async (home) => {
      writeLanding(
        home,
        'laps',
        9550,
        '20240630_150000',
        `[${lap(1, 1)},${lap(1, 2).replace('"lap_duration": 70.2', '"lap_duration": NaN')},${lap(1, 3).replace('"lap_duration": 70.3', '"lap_duration": 1e400')},${lap(1, 4, ', "duration_sector_1": -Infinity')}]`,
      )
      const report = await load(home, engine)
      expect(report.hasFailures).toBe(false)
      expect(report.tables[0]).toMatchObject({ records: 4, rowsRescued: 3 })
      const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
      expect(
        await lake.all(
          `SELECT lap_number, lap_duration, duration_sector_1, _rescued_data::VARCHAR AS r FROM ${CATALOG}.bronze_raw.bronze_laps ORDER BY lap_number`,
        ),
      ).toEqual([
        { lap_number: 1, lap_duration: 70.1, duration_sector_1: null, r: null },
        { lap_number: 2, lap_duration: null, duration_sector_1: null, r: '{"lap_duration":NaN}' },
        { lap_number: 3, lap_duration: null, duration_sector_1: null, r: '{"lap_duration":1e400}' },
        {
          lap_number: 4,
          lap_duration: 70.4,
          duration_sector_1: null,
          r: '{"duration_sector_1":-Infinity}',
        },
      ])

      const build = await runInProcess(['--home', home, 'build', '--select', 'silver_laps'])
      expect(build.stderr).not.toMatch(/ERROR=[1-9]/)
      expect(build.code).toBe(0)
      const silver = await createLakehouseEngine(engine, { home, catalogs: [CATALOG] }).all(
        `SELECT lap_number, lap_duration FROM ${CATALOG}.silver_clean.silver_laps ORDER BY lap_number`,
      )
      expect(silver.map((r) => r['lap_duration'])).toEqual([70.1, null, null, 70.4])
    }))

  it('reports a landing file deleted while the load runs, and loads the rest', () =>
    withTmpDir(async (home) => {
      writeLanding(home, 'laps', 9550, '20240630_150000', `[${lap(1, 1)}]`)
      const doomed = writeLanding(home, 'stints', 9550, '20240630_150000', '[{"stint_number": 1}]')
      writeLanding(home, 'stints', 9551, '20240630_150000', '[{"stint_number": 2}]')
      // Tables load in endpoint order: when laps is done, a stints file disappears.
      const progress: Progress = {
        start: () => ({
          tick: (_n, detail) => {
            if (detail === 'bronze_laps') rmSync(join(home, 'landing', doomed))
          },
          setTotal: () => undefined,
          done: () => undefined,
        }),
      }
      const report: LoadReport = await load(home, engine, undefined, { progress })
      expect(report.vanished).toEqual([
        { sourceFile: doomed, reason: expect.stringMatching(/deleted or moved/) },
      ])
      expect(report.hasFailures).toBe(true)
      expect(
        report.tables.find((t) => t.endpoint === 'stints')?.files.map((f) => f.records),
      ).toEqual([1])
    }))
})
