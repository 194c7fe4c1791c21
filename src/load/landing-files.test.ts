import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { listLandingFiles } from './landing-files.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-landing-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('listLandingFiles', () => {
  it('finds the extractor-named JSON files per endpoint in extraction order, and nothing else', () => {
    const put = (rel: string): void => {
      mkdirSync(join(dir, rel, '..'), { recursive: true })
      writeFileSync(join(dir, rel), '[]')
    }
    put('laps/laps_9550_20240701_100000.json')
    put('laps/laps_9531_20240630_120000.json')
    put('car_data/car_data_9550_1_20240630_120000.json')
    put('car_data/car_data_9550_16_20240630_120000.json.gz')
    put('laps/.laps_9550_20240701_100000.json.tmp')
    put('laps/notes.txt')
    put('_quarantine/laps/laps_1_20240101_000000.json')
    put('_manifest.json')
    const files = listLandingFiles(dir)
    expect(files.map((f) => [f.sourceFile, f.batchDay])).toEqual([
      ['car_data/car_data_9550_16_20240630_120000.json.gz', '2024-06-30'],
      ['car_data/car_data_9550_1_20240630_120000.json', '2024-06-30'],
      ['laps/laps_9531_20240630_120000.json', '2024-06-30'],
      ['laps/laps_9550_20240701_100000.json', '2024-07-01'],
    ])
    expect(files[0]?.path).toBe(join(dir, 'car_data', 'car_data_9550_16_20240630_120000.json.gz'))
  })

  it('returns nothing for a missing landing zone', () => {
    expect(listLandingFiles(join(dir, 'absent'))).toEqual([])
  })
})
