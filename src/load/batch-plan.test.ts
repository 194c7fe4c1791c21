import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../engine/index.js'
import { planBatch } from './batch-plan.js'
import { BronzeSchema } from './bronze-schema.js'
import { shapeFiles, type FileShape } from './file-shape.js'
import { describeLandingFile } from './landing-files.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-batch-'))
let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

let n = 0
/** Writes landing files of `endpoint` and returns their shapes. */
async function shapes(endpoint: string, bodies: (string | Buffer)[]): Promise<FileShape[]> {
  mkdirSync(join(dir, endpoint), { recursive: true })
  const files = bodies.map((body) => {
    const name = `${endpoint}_${++n}_20240630_150000.json${Buffer.isBuffer(body) ? '.gz' : ''}`
    writeFileSync(join(dir, endpoint, name), body)
    const file = describeLandingFile(dir, endpoint, name)
    if (file === undefined) throw new Error('not a landing file')
    return file
  })
  return (await shapeFiles(engine, files)).map((o) => {
    if (o.kind !== 'shape') throw new Error(`${o.kind}`)
    return o.shape
  })
}

async function load(endpoint: string, bodies: (string | Buffer)[], schema = new BronzeSchema()) {
  const s = await shapes(endpoint, bodies)
  const plan = await planBatch(engine, schema, {
    endpoint,
    shapes: s,
    ingestedAt: '2024-06-30T15:00:00Z',
  })
  const rows = await engine.all(
    `SELECT * EXCLUDE (_ingestion_timestamp) FROM (${plan.sql}) ORDER BY _source_file`,
  )
  return { plan, rows, schema, shapes: s }
}

describe('planBatch', () => {
  it('types catalogue fields by the catalogue, others as the JSON gives them, and adds the loader columns', async () => {
    const { plan, rows, schema } = await load('laps', [
      '[{"lap_number": 1, "lap_duration": 70, "date_start": "2024-06-30T13:00:00+00:00", "segments_sector_1": [2049, null], "is_pit_out_lap": false, "big": 9007199254740993, "ratio": 2}, {"lap_number": 2, "lap_duration": 69.5, "date_start": null, "segments_sector_1": null, "is_pit_out_lap": true, "ratio": 2.5}]',
    ])
    // The API's order for the fields it documents, then unknown keys.
    expect(schema.list()).toEqual([
      { name: 'date_start', type: 'VARCHAR' },
      { name: 'is_pit_out_lap', type: 'BOOLEAN' },
      { name: 'lap_duration', type: 'DOUBLE' },
      { name: 'lap_number', type: 'BIGINT' },
      { name: 'segments_sector_1', type: 'BIGINT[]' },
      { name: 'big', type: 'BIGINT' },
      { name: 'ratio', type: 'DOUBLE' },
    ])
    expect(plan.newColumns.map((c) => c.name)).toHaveLength(7)
    expect(rows[0]).toEqual({
      date_start: '2024-06-30T13:00:00+00:00',
      is_pit_out_lap: false,
      lap_duration: 70,
      lap_number: 1,
      segments_sector_1: [2049, null],
      big: '9007199254740993',
      ratio: 2,
      _rescued_data: null,
      _source_file: expect.stringMatching(/^laps\/laps_\d+_20240630_150000\.json$/),
      batch_day: '2024-06-30',
    })
  })

  it('infers a type across every file of the batch', async () => {
    const { schema, rows } = await load('laps', [
      '[{"lap_number": 1, "ratio": 2}]',
      '[{"ratio": 2.5}]',
    ])
    expect(schema.get('ratio')?.type).toBe('DOUBLE')
    expect(rows.map((r) => [r['ratio'], r['_rescued_data']])).toEqual([
      [2, null],
      [2.5, null],
    ])
  })

  it('rescues what does not fit instead of casting it, and keys reserved for the loader', async () => {
    const schema = new BronzeSchema([
      { name: 'lap_number', type: 'BIGINT' },
      { name: 'lap_duration', type: 'DOUBLE' },
      { name: 'compound', type: 'VARCHAR' },
      { name: 'is_pit_out_lap', type: 'BOOLEAN' },
      { name: 'segments_sector_1', type: 'BIGINT[]' },
    ])
    const { plan, rows } = await load(
      'laps',
      [
        '[{"lap_number": 1.5, "lap_duration": "70.1", "compound": 3, "is_pit_out_lap": 0, "segments_sector_1": [1, 2.5], "batch_day": "x"}, {"lap_number": 2, "lap_duration": 70.1, "compound": "SOFT", "is_pit_out_lap": true, "segments_sector_1": []}]',
      ],
      schema,
    )
    expect(plan.newColumns).toEqual([])
    const [bad, good] = await Promise.resolve(
      [...rows].sort((a, b) => Number(a['lap_number'] ?? 0) - Number(b['lap_number'] ?? 0)),
    )
    expect(bad).toMatchObject({
      lap_number: null,
      lap_duration: null,
      compound: null,
      is_pit_out_lap: null,
      segments_sector_1: null,
      batch_day: '2024-06-30',
    })
    expect(JSON.parse(String(bad?.['_rescued_data']))).toEqual({
      lap_number: 1.5,
      lap_duration: '70.1',
      compound: 3,
      is_pit_out_lap: 0,
      segments_sector_1: [1, 2.5],
      batch_day: 'x',
    })
    expect(good).toMatchObject({
      lap_number: 2,
      lap_duration: 70.1,
      compound: 'SOFT',
      is_pit_out_lap: true,
      segments_sector_1: [],
      _rescued_data: null,
    })
  })

  it('converts a value only when no digit, type or character is lost', async () => {
    const schema = new BronzeSchema([
      { name: 'i', type: 'BIGINT' },
      { name: 'd', type: 'DOUBLE' },
      { name: 's', type: 'VARCHAR' },
      { name: 'b', type: 'BOOLEAN' },
    ])
    const values = [
      ['12', '1', '"a"', 'true'],
      ['12.0', '1.5', '1', 'false'],
      ['1e3', '"1.5"', 'true', '1'],
      ['"12"', 'true', '"é\\n\\"q\\""', '"true"'],
      ['-5', '-2e-3', '"12"', 'null'],
      ['9223372036854775808', '9223372036854775808', '[1]', '{}'],
    ]
    const body = `[${values.map(([i, d, s2, b]) => `{"i": ${i}, "d": ${d}, "s": ${s2}, "b": ${b}}`).join(',')}]`
    const { rows } = await load('x', [body], schema)
    expect(rows.map((r) => [r['i'], r['d'], r['s'], r['b']])).toEqual([
      [12, 1, 'a', true],
      [null, 1.5, null, false],
      [null, null, null, null],
      [null, null, 'é\n"q"', null],
      [-5, -0.002, '12', null],
      [null, 9223372036854775808, null, null],
    ])
    expect(rows.map((r) => r['_rescued_data'])).toEqual([
      null,
      '{"i":12.0,"s":1}',
      // DuckDB's JSON reader writes numbers back in its own form (1e3 → 1000.0): same value.
      '{"i":1000.0,"d":"1.5","s":true,"b":1}',
      '{"i":"12","d":true,"b":"true"}',
      null,
      '{"i":9223372036854775808,"s":[1],"b":{}}',
    ])
  })

  it('rescues NaN, Infinity and 1e400 verbatim: never a non-finite DOUBLE, element or JSON value', async () => {
    const { rows } = await load('session_result', [
      '[{"driver_number": 1, "points": NaN, "duration": Infinity, "gap_to_leader": [1.5, -Infinity, null]}, {"driver_number": 2, "points": 1e400, "duration": [90.5, null, null], "gap_to_leader": "+1 LAP"}, {"driver_number": 3, "points": 25, "duration": 5400.1, "gap_to_leader": 0}]',
    ])
    const byDriver = new Map(rows.map((r) => [r['driver_number'], r]))
    expect(byDriver.get(1)).toMatchObject({ points: null, duration: null, gap_to_leader: null })
    expect(String(byDriver.get(1)?.['_rescued_data'])).toBe(
      '{"duration":Infinity,"gap_to_leader":[1.5,-Infinity,null],"points":NaN}',
    )
    expect(byDriver.get(2)).toMatchObject({
      points: null,
      duration: '[90.5,null,null]',
      gap_to_leader: '"+1 LAP"',
    })
    expect(String(byDriver.get(2)?.['_rescued_data'])).toBe('{"points":1e400}')
    expect(byDriver.get(3)).toMatchObject({ points: 25, duration: '5400.1', _rescued_data: null })
  })

  it('rescues an empty key and a key equal but for case, and loads the rest of the file', async () => {
    const { rows, schema } = await load('laps', [
      '[{"lap_number": 1, "": "x"}, {"lap_number": 2}]',
      '[{"lap_number": 3, "Lap_Number": 4, "st_speed": 300}]',
      '[{"lap_number": 5}]',
    ])
    expect(schema.list().map((c) => c.name)).toEqual(['lap_number', 'st_speed'])
    expect(
      rows
        .map((r) => [r['lap_number'], r['st_speed'], r['_rescued_data']])
        .sort((a, b) => Number(a[0]) - Number(b[0])),
    ).toEqual([
      [1, null, '{"":"x"}'],
      [2, null, null],
      [3, 300, '{"Lap_Number":4}'],
      [5, null, null],
    ])
  })

  it('fills columns a file lacks with NULL and adds the keys it brings, with the file that brought them', async () => {
    const schema = new BronzeSchema([{ name: 'x', type: 'BIGINT' }])
    const {
      plan,
      rows,
      shapes: s,
    } = await load('pit', ['[{"x": 1}]', '[{"y": "new", "stop_duration": null}]'], schema)
    expect(plan.newColumns).toEqual([
      { name: 'stop_duration', type: 'DOUBLE' },
      { name: 'y', type: 'VARCHAR' },
    ])
    expect(plan.newColumnsOf.get(s[1]?.file.sourceFile ?? '')).toEqual(['stop_duration', 'y'])
    const second = rows.find((r) => r['_source_file'] === s[1]?.file.sourceFile)
    expect(second).toMatchObject({ x: null, y: 'new', stop_duration: null })
  })

  it('reads gzip-compressed landing files and empty arrays', async () => {
    const { rows } = await load('laps', [gzipSync('[{"lap_number": 7, "compound": "SOFT"}]'), '[]'])
    expect(rows).toEqual([
      expect.objectContaining({
        lap_number: 7,
        compound: 'SOFT',
        _source_file: expect.stringMatching(/\.json\.gz$/),
      }),
    ])
  })
})

describe('shapeFiles', () => {
  it('counts records per file and tells unreadable and vanished files from the rest', async () => {
    mkdirSync(join(dir, 'stints'), { recursive: true })
    const bodies = [
      '[{"a": 1}, {"a": 2, "b": 3}]',
      '[{"a": 1}, {"a": ',
      '{"a": 1}',
      '[1, {"a": 1}]',
    ]
    const files = bodies.map((body, i) => {
      const name = `stints_${i}_20240630_150000.json`
      writeFileSync(join(dir, 'stints', name), body)
      const file = describeLandingFile(dir, 'stints', name)
      if (file === undefined) throw new Error('not a landing file')
      return file
    })
    const gone = {
      ...files[0]!,
      path: join(dir, 'stints', 'gone.json'),
      sourceFile: 'stints/gone.json',
    }
    const outcomes = await shapeFiles(engine, [...files, gone])
    expect(outcomes.map((o) => o.kind)).toEqual([
      'shape',
      'unreadable',
      'unreadable',
      'shape',
      'vanished',
    ])
    const first = outcomes[0]
    expect(first?.kind === 'shape' && first.shape.records).toBe(2)
    expect(first?.kind === 'shape' && first.shape.keyLists).toEqual([['a', 'b'], ['a']])
    const mixed = outcomes[3]
    expect(mixed?.kind === 'shape' && [...mixed.shape.nonObjects]).toEqual([['UBIGINT', 1]])
    const truncated = outcomes[1]
    expect(truncated?.kind === 'unreadable' && truncated.reason).toMatch(
      /Malformed JSON|unexpected end|JSON/i,
    )
  })
})
