import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { BronzeSchema } from './bronze-schema.js'
import { MalformedFileError } from './load-errors.js'
import { stageFile } from './stage-file.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-stage-'))
let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
async function stage(body: string, schema = new BronzeSchema()) {
  const path = join(dir, `f${++n}.json`)
  writeFileSync(path, body)
  const staged = await stageFile(engine, schema, {
    path,
    sourceFile: `laps/f${n}.json`,
    batchDay: '2024-06-30',
    ingestedAt: '2024-06-30T15:00:00Z',
    stagingTable: `stage_${n}`,
  })
  const rows = await engine.all(`SELECT * EXCLUDE (_ingestion_timestamp) FROM stage_${n}`)
  return { staged, rows, schema }
}

describe('stageFile', () => {
  it('types values as the JSON gives them and adds the loader columns', async () => {
    const { staged, rows, schema } = await stage(
      '[{"lap_number": 1, "lap_duration": 70, "date_start": "2024-06-30T13:00:00+00:00", "segments_sector_1": [2049, null], "is_pit_out_lap": false, "big": 9007199254740993}, {"lap_number": 2, "lap_duration": 69.5, "date_start": null, "segments_sector_1": null, "is_pit_out_lap": true}]',
    )
    expect(schema.list()).toEqual([
      { name: 'lap_number', type: 'BIGINT' },
      { name: 'lap_duration', type: 'DOUBLE' },
      { name: 'date_start', type: 'VARCHAR' },
      { name: 'segments_sector_1', type: 'BIGINT[]' },
      { name: 'is_pit_out_lap', type: 'BOOLEAN' },
      { name: 'big', type: 'BIGINT' },
    ])
    expect(staged).toMatchObject({ records: 2, rescuedRows: 0 })
    expect(rows[0]).toEqual({
      lap_number: 1,
      lap_duration: 70,
      date_start: '2024-06-30T13:00:00+00:00',
      segments_sector_1: [2049, null],
      is_pit_out_lap: false,
      big: '9007199254740993',
      _rescued_data: null,
      _source_file: `laps/f${n}.json`,
      batch_day: '2024-06-30',
    })
  })

  it('rescues what does not fit instead of casting it, and keys reserved for the loader', async () => {
    const schema = new BronzeSchema([
      { name: 'lap_number', type: 'BIGINT' },
      { name: 'lap_duration', type: 'DOUBLE' },
      { name: 'compound', type: 'VARCHAR' },
      { name: 'is_pit_out_lap', type: 'BOOLEAN' },
      { name: 'segments_sector_1', type: 'BIGINT[]' },
    ])
    const { staged, rows } = await stage(
      '[{"lap_number": 1.5, "lap_duration": "70.1", "compound": 3, "is_pit_out_lap": 0, "segments_sector_1": [1, 2.5], "batch_day": "x"}, {"lap_number": 2, "lap_duration": 70.1, "compound": "SOFT", "is_pit_out_lap": true, "segments_sector_1": []}]',
      schema,
    )
    expect(staged).toMatchObject({ records: 2, rescuedRows: 1, newColumns: [] })
    expect(rows[0]).toMatchObject({
      lap_number: null,
      lap_duration: null,
      compound: null,
      is_pit_out_lap: null,
      segments_sector_1: null,
      batch_day: '2024-06-30',
    })
    expect(JSON.parse(String(rows[0]?.['_rescued_data']))).toEqual({
      lap_number: 1.5,
      lap_duration: '70.1',
      compound: 3,
      is_pit_out_lap: 0,
      segments_sector_1: [1, 2.5],
      batch_day: 'x',
    })
    expect(rows[1]).toMatchObject({
      lap_number: 2,
      lap_duration: 70.1,
      compound: 'SOFT',
      is_pit_out_lap: true,
      segments_sector_1: [],
      _rescued_data: null,
    })
  })

  it('fills columns a file lacks with NULL and adds the keys it brings', async () => {
    const schema = new BronzeSchema([{ name: 'x', type: 'BIGINT' }])
    const { staged, rows } = await stage('[{"y": "new", "stop_duration": null}]', schema)
    expect(staged.newColumns).toEqual([
      { name: 'y', type: 'VARCHAR' },
      { name: 'stop_duration', type: 'DOUBLE' },
    ])
    expect(rows[0]).toMatchObject({ x: null, y: 'new', stop_duration: null })
  })

  it.each([
    ['[{"a": 1}, {"a": ', /Malformed JSON|unexpected end/],
    ['{"a": 1}', /top-level JSON array/],
    ['[1, 2]', /2 element\(s\) .* not objects/],
  ])('rejects %s as a malformed file', async (body, reason) => {
    const error = await stage(body).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MalformedFileError)
    expect((error as MalformedFileError).reason).toMatch(reason)
    expect((error as MalformedFileError).file).toMatch(/^laps\/f\d+\.json$/)
  })

  it('reads gzip-compressed landing files', async () => {
    const path = join(dir, 'zipped.json.gz')
    writeFileSync(path, gzipSync('[{"lap_number": 7, "compound": "SOFT"}]'))
    const staged = await stageFile(engine, new BronzeSchema(), {
      path,
      sourceFile: 'laps/zipped.json.gz',
      batchDay: '2024-06-30',
      ingestedAt: '2024-06-30T15:00:00Z',
      stagingTable: 'stage_zipped',
    })
    expect(staged.records).toBe(1)
    expect(await engine.all('SELECT lap_number, compound FROM stage_zipped')).toEqual([
      { lap_number: 7, compound: 'SOFT' },
    ])
  })

  it('stages an empty array as zero records', async () => {
    const { staged, rows } = await stage('[]')
    expect(staged.records).toBe(0)
    expect(rows).toEqual([])
  })
})
