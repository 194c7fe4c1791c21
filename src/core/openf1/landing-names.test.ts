import { describe, expect, it } from 'vitest'
import {
  bronzeTableOf,
  isLandingDataName,
  landingFileName,
  landingRelPath,
  parseLandingFileName,
  stampDay,
  unitId,
} from './landing-names.js'

const at = new Date('2024-06-30T13:04:05.678Z')

describe('landing names', () => {
  it('formats what parses back, for units with and without a driver', () => {
    for (const unit of [
      { endpoint: 'laps', key: 9550 },
      { endpoint: 'car_data', key: 9550, driverNumber: 16 },
      { endpoint: 'session_result', key: 9550 },
    ]) {
      const name = landingFileName(unit, at)
      expect(parseLandingFileName(unit.endpoint, name)).toEqual({
        key: unit.key,
        ...(unit.driverNumber === undefined ? {} : { driverNumber: unit.driverNumber }),
        stamp: '20240630_130405',
        compressed: false,
      })
      expect(landingRelPath(unit, at)).toBe(`${unit.endpoint}/${name}`)
    }
    expect(unitId({ endpoint: 'location', key: 9550, driverNumber: 1 })).toBe('location/9550/1')
  })

  it('reads gzip-compressed names and refuses names of other endpoints, temp files and strays', () => {
    expect(parseLandingFileName('car_data', 'car_data_9550_1_20240630_130405.json.gz')).toEqual({
      key: 9550,
      driverNumber: 1,
      stamp: '20240630_130405',
      compressed: true,
    })
    expect(parseLandingFileName('car', 'car_data_9550_20240630_130405.json')).toBeUndefined()
    expect(parseLandingFileName('laps', '.laps_9550_20240630_130405.json.tmp-1')).toBeUndefined()
    expect(parseLandingFileName('laps', 'laps_9550_2024063_130405.json')).toBeUndefined()
    expect(parseLandingFileName('laps', 'laps_9550_20240630_130405.csv')).toBeUndefined()
    expect(isLandingDataName('laps_9550_20240630_130405.json.gz')).toBe(true)
    expect(isLandingDataName('_manifest.json')).toBe(false)
    expect(isLandingDataName('.laps_9550.json')).toBe(false)
    expect(stampDay('20240630_130405')).toBe('2024-06-30')
  })

  it('names bronze tables after endpoints, location in the plural', () => {
    expect(bronzeTableOf('laps')).toBe('bronze_laps')
    expect(bronzeTableOf('location')).toBe('bronze_locations')
    expect(bronzeTableOf('Car-Data')).toBe('bronze_car_data')
  })
})
