/**
 * Issue #5 "done when": a landing file with an extra field, one with a type clash and one with
 * broken JSON give, in that order, a new column, a rescued row and a quarantined file — nothing
 * lost, and the report says so. Also: a second load adds nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createLakehouseEngine } from '../../src/catalog/index.js'
import { DuckDbEngine } from '../../src/engine/index.js'
import { formatLoadReport } from '../../src/load/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { CATALOG, load, writeLanding } from './load-support.js'

const lap = (driver: number, n: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    meeting_key: 1239,
    session_key: 9550,
    driver_number: driver,
    lap_number: n,
    lap_duration: 70 + n / 10,
    is_pit_out_lap: false,
    segments_sector_1: [2049, null, 2051],
    ...extra,
  })

describe('bronze loading: evolution, rescue, quarantine', () => {
  let engine: DuckDbEngine
  beforeEach(async () => {
    engine = await DuckDbEngine.create()
  })
  afterEach(async () => {
    await engine.close()
  })

  it('adds a column, rescues a clashing value and quarantines broken JSON, losing nothing', () =>
    withTmpDir(async (home) => {
      writeLanding(home, 'laps', 9550, '20240630_150000', `[${lap(1, 1)},${lap(1, 2)}]`)
      const first = await load(home, engine)
      expect(first.hasFailures).toBe(false)
      expect(first.tables[0]).toMatchObject({ status: 'loaded', records: 2, rowsRescued: 0 })

      writeLanding(home, 'laps', 9551, '20240630_160000', `[${lap(4, 1, { st_speed: 301 })}]`)
      writeLanding(
        home,
        'laps',
        9552,
        '20240630_170000',
        `[${lap(16, 1, { lap_number: 'one', segments_sector_1: [2049, 'x'] })},${lap(16, 2)}]`,
      )
      const broken = writeLanding(home, 'laps', 9553, '20240630_180000', `[${lap(44, 1)},{"lap_`)
      const second = await load(home, engine)

      const laps = second.tables.find((t) => t.endpoint === 'laps')
      expect(laps?.files.map((f) => [f.sourceFile, f.newColumns, f.rowsRescued])).toEqual([
        ['laps/laps_9551_20240630_160000.json', ['st_speed'], 0],
        ['laps/laps_9552_20240630_170000.json', [], 1],
      ])
      // Both good files share one commit, each with its own txn.
      expect(laps).toMatchObject({
        records: 3,
        rowsLoaded: 2,
        rowsRescued: 1,
        rowsWritten: 3,
        commits: 1,
        version: 1,
      })
      expect(laps?.reconciled).toBe(true)
      expect(second.quarantined).toEqual([
        expect.objectContaining({
          sourceFile: broken,
          quarantinedAs: '_quarantine/laps/laps_9553_20240630_180000.json',
        }),
      ])
      expect(second.quarantined[0]?.reason).toMatch(/Malformed JSON|unexpected end/)
      expect(second.hasFailures).toBe(true)
      const text = formatLoadReport(second)
      expect(text).toMatch(/3 records = 2 loaded \+ 1 rescued/)
      expect(text).toMatch(/new columns: st_speed/)
      expect(text).toMatch(/quarantined laps\/laps_9553/)

      // The broken file moved, with its error report; its bytes are intact.
      const moved = join(home, 'landing', '_quarantine', 'laps', 'laps_9553_20240630_180000.json')
      expect(readFileSync(moved, 'utf8')).toBe(`[${lap(44, 1)},{"lap_`)
      expect(existsSync(join(home, 'landing', broken))).toBe(false)
      const report = JSON.parse(readFileSync(`${moved}.error.json`, 'utf8')) as { reason: string }
      expect(report.reason).toBe(second.quarantined[0]?.reason)

      // What the table holds: every record, the new column, the rescued value verbatim.
      const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
      const rows = await lake.all(
        `SELECT driver_number, lap_number, st_speed, segments_sector_1, _rescued_data::VARCHAR AS rescued, _source_file
         FROM ${CATALOG}.bronze_raw.bronze_laps ORDER BY driver_number, lap_number NULLS FIRST`,
      )
      expect(rows).toEqual([
        expect.objectContaining({ driver_number: 1, lap_number: 1, st_speed: null, rescued: null }),
        expect.objectContaining({ driver_number: 1, lap_number: 2, st_speed: null }),
        expect.objectContaining({ driver_number: 4, lap_number: 1, st_speed: 301 }),
        expect.objectContaining({
          driver_number: 16,
          lap_number: null,
          segments_sector_1: null,
          rescued: '{"lap_number":"one","segments_sector_1":[2049,"x"]}',
          _source_file: 'laps/laps_9552_20240630_170000.json',
        }),
        expect.objectContaining({ driver_number: 16, lap_number: 2, rescued: null }),
      ])
      expect(rows[0]?.['segments_sector_1']).toEqual([2049, null, 2051])

      // Exactly once: a re-run adds nothing.
      const third = await load(home, engine)
      expect(third.totals.records).toBe(0)
      expect(third.tables.every((t) => t.status === 'up-to-date')).toBe(true)
      expect(third.hasFailures).toBe(false)
      const [count] = await lake.all(`SELECT count(*) AS n FROM ${CATALOG}.bronze_raw.bronze_laps`)
      expect(count?.['n']).toBe(5)

      // The load log says which file went to which version.
      const log = await lake.all(
        `SELECT source_file, table_version, records, rows_rescued FROM ${CATALOG}.system.load_log ORDER BY file_sequence`,
      )
      expect(log).toEqual([
        {
          source_file: 'laps/laps_9550_20240630_150000.json',
          table_version: 0,
          records: 2,
          rows_rescued: 0,
        },
        {
          source_file: 'laps/laps_9551_20240630_160000.json',
          table_version: 1,
          records: 1,
          rows_rescued: 0,
        },
        {
          source_file: 'laps/laps_9552_20240630_170000.json',
          table_version: 1,
          records: 2,
          rows_rescued: 1,
        },
      ])
    }))

  it('keeps mixed-type fields as JSON and partitions laps by batch_day', () =>
    withTmpDir(async (home) => {
      writeLanding(
        home,
        'intervals',
        9550,
        '20240630_150000',
        JSON.stringify([
          {
            driver_number: 1,
            gap_to_leader: null,
            interval: null,
            date: '2024-06-30T13:00:00+00:00',
          },
          {
            driver_number: 4,
            gap_to_leader: 1.5,
            interval: 1.5,
            date: '2024-06-30T13:00:00+00:00',
          },
        ]),
      )
      writeLanding(
        home,
        'intervals',
        9550,
        '20240701_090000',
        JSON.stringify([{ driver_number: 18, gap_to_leader: '+1 LAP', interval: 0.4 }]),
      )
      writeLanding(home, 'laps', 9550, '20240630_150000', `[${lap(1, 1)}]`)
      const report = await load(home, engine)
      expect(report.hasFailures).toBe(false)
      const intervals = report.tables.find((t) => t.endpoint === 'intervals')
      expect(intervals).toMatchObject({ records: 3, rowsRescued: 0, version: 0, commits: 1 })
      const lake = createLakehouseEngine(engine, { home, catalogs: [CATALOG] })
      const rows = await lake.all(
        `SELECT driver_number, gap_to_leader::VARCHAR AS gap, batch_day FROM ${CATALOG}.bronze_raw.bronze_intervals ORDER BY driver_number`,
      )
      expect(rows).toEqual([
        { driver_number: 1, gap: null, batch_day: '2024-06-30' },
        { driver_number: 4, gap: '1.5', batch_day: '2024-06-30' },
        { driver_number: 18, gap: '"+1 LAP"', batch_day: '2024-07-01' },
      ])
      expect(
        existsSync(join(home, CATALOG, 'bronze_raw', 'bronze_laps', 'batch_day=2024-06-30')),
      ).toBe(true)
    }))

  it('reports a table it cannot read and still loads the others', () =>
    withTmpDir(async (home) => {
      const log = join(home, CATALOG, 'bronze_raw', 'bronze_stints', '_delta_log')
      mkdirSync(log, { recursive: true })
      writeFileSync(join(log, '00000000000000000000.json'), 'not a delta log\n')
      writeLanding(home, 'stints', 9550, '20240630_150000', '[{"stint_number": 1}]')
      writeLanding(home, 'laps', 9550, '20240630_150000', `[${lap(1, 1)}]`)
      const report = await load(home, engine)
      expect(report.hasFailures).toBe(true)
      const stints = report.tables.find((t) => t.endpoint === 'stints')
      expect(stints?.status).toBe('failed')
      expect(stints?.error).toEqual(expect.any(String))
      expect(report.tables.find((t) => t.endpoint === 'laps')).toMatchObject({
        status: 'loaded',
        records: 1,
      })
      expect(formatLoadReport(report)).toMatch(/✘ dev_f1_data_analytics\.bronze_raw\.bronze_stints/)
    }))
})
