import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ExtractionManifest, MANIFEST_FILE } from './extraction-manifest.js'
import { landingFileName, parseLandingFileName } from './landing-paths.js'
import { existingUnitFiles, removeStaleTempFiles, writeLandingFile } from './landing-writer.js'

async function withTmpDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pitwall-landing-'))
  try {
    await fn(dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const unit = { endpoint: 'location', key: 9550, driverNumber: 1 }

describe('landing files', () => {
  it('are named <endpoint>_<key>[_<driver>]_<UTC stamp>.json and parse back', () => {
    const name = landingFileName(unit, new Date('2024-06-30T13:04:05.678Z'))
    expect(name).toBe('location_9550_1_20240630_130405.json')
    expect(parseLandingFileName('location', name)).toEqual({
      key: 9550,
      driverNumber: 1,
      stamp: '20240630_130405',
      compressed: false,
    })
    expect(parseLandingFileName('laps', 'laps_9550_20240630_130405.json')).toEqual({
      key: 9550,
      stamp: '20240630_130405',
      compressed: false,
    })
    expect(parseLandingFileName('laps', '.laps_9550_20240630_130405.json.tmp-1')).toBeUndefined()
  })

  it('are written whole, with a checksum, and replace the unit’s older file', async () => {
    await withTmpDir(async (dir) => {
      const old = await writeLandingFile(dir, unit, '[1]', new Date('2024-01-01T00:00:00Z'))
      const other = await writeLandingFile(
        dir,
        { ...unit, driverNumber: 11 },
        '[2]',
        new Date('2024-01-01T00:00:00Z'),
      )
      const now = await writeLandingFile(dir, unit, '[1,2]', new Date('2024-01-02T00:00:00Z'))
      expect(existingUnitFiles(dir, unit)).toEqual([now.file])
      expect(existsSync(join(dir, old.file))).toBe(false)
      expect(existsSync(join(dir, other.file))).toBe(true)
      expect(readFileSync(join(dir, now.file), 'utf8')).toBe('[1,2]')
      expect(now.sha256).toBe(createHash('sha256').update('[1,2]').digest('hex'))
      expect(readdirSync(join(dir, 'location')).some((f) => f.startsWith('.'))).toBe(false)
    })
  })

  it('leave no temp files after an interrupted run is cleaned up', async () => {
    await withTmpDir(async (dir) => {
      mkdirSync(join(dir, 'laps'))
      writeFileSync(join(dir, 'laps', '.laps_1_20240101_000000.json.tmp-99-abc'), '[')
      writeFileSync(join(dir, `.${MANIFEST_FILE}.tmp-99`), '{')
      expect(await removeStaleTempFiles(dir)).toBe(2)
      expect(readdirSync(join(dir, 'laps'))).toEqual([])
    })
  })
})

describe('ExtractionManifest', () => {
  it('round-trips entries and names a corrupt file with a fix', async () => {
    await withTmpDir((dir) => {
      const m = ExtractionManifest.load(dir)
      m.set({
        unit: 'laps/1',
        endpoint: 'laps',
        session_key: 1,
        meeting_key: 2,
        driver_number: null,
        status: 'complete',
        file: 'laps/laps_1_20240101_000000.json',
        requests: ['http://x/v1/laps?session_key=1'],
        http_status: 200,
        records: 3,
        bytes: 10,
        sha256: 'abc',
        attempts: 2,
        extracted_at: '2024-01-01T00:00:00Z',
      })
      m.save()
      expect(ExtractionManifest.load(dir).get('laps/1')).toMatchObject({ records: 3, attempts: 2 })
      writeFileSync(join(dir, MANIFEST_FILE), '{"schemaVersion":1,"entries":{"x":{"unit":5}}}')
      expect(() => ExtractionManifest.load(dir)).toThrow(/_manifest\.json: /)
      writeFileSync(join(dir, MANIFEST_FILE), '{oops')
      expect(() => ExtractionManifest.load(dir)).toThrow(/not valid JSON/)
    })
  })
})
