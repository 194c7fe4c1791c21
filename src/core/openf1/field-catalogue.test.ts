import { describe, expect, it } from 'vitest'
import {
  bronzeColumnsOf,
  DUCKDB_TYPE_OF_KIND,
  fieldKind,
  FIELD_KINDS,
  isOpenF1Endpoint,
  OPENF1_ENDPOINTS,
} from './field-catalogue.js'

describe('field catalogue', () => {
  it('lists the 18 endpoints, each with its keys', () => {
    expect(OPENF1_ENDPOINTS).toHaveLength(18)
    for (const e of OPENF1_ENDPOINTS) {
      const names = bronzeColumnsOf(e).map((c) => c.name)
      expect(names).toContain('meeting_key')
      if (e !== 'meetings') expect(names).toContain('session_key')
    }
    expect(isOpenF1Endpoint('laps')).toBe(true)
    expect(isOpenF1Endpoint('lapz')).toBe(false)
    expect(isOpenF1Endpoint('toString')).toBe(false)
  })

  it('gives each field a kind and each kind a DuckDB type', () => {
    expect(Object.keys(DUCKDB_TYPE_OF_KIND).sort()).toEqual([...FIELD_KINDS].sort())
    expect(fieldKind('intervals', 'gap_to_leader')).toBe('gap')
    expect(fieldKind('weather', 'humidity')).toBe('num')
    expect(fieldKind('laps', 'segments_sector_2')).toBe('segments')
    expect(fieldKind('laps', 'no_such_field')).toBeUndefined()
    expect(fieldKind('lapz', 'lap_number')).toBeUndefined()
    expect(bronzeColumnsOf('pit')).toContainEqual({
      name: 'stop_duration',
      kind: 'num',
      duckDbType: 'DOUBLE',
    })
    expect(bronzeColumnsOf('session_result')).toContainEqual({
      name: 'duration',
      kind: 'gap',
      duckDbType: 'JSON',
    })
  })
})
