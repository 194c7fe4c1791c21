import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { existingRelations } from './existing-relations.js'

const home = mkdtempSync(join(tmpdir(), 'pitwall-existing-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

describe('existingRelations', () => {
  it('lists Delta tables and persisted views, and asked-for relations outside the layers', () => {
    mkdirSync(join(home, 'dev_c', 'bronze_raw', 'bronze_laps', '_delta_log'), { recursive: true })
    mkdirSync(join(home, 'dev_c', 'silver_clean', 'not_a_table'), { recursive: true })
    mkdirSync(join(home, 'dev_c', 'gold_analytics', '_views'), { recursive: true })
    writeFileSync(join(home, 'dev_c', 'gold_analytics', '_views', 'v_laps.sql'), 'select 1')
    mkdirSync(join(home, 'dev_c', 'snapshots', 'drivers', '_delta_log'), { recursive: true })
    mkdirSync(join(home, 'prod_c', 'bronze_raw', 'bronze_laps', '_delta_log'), { recursive: true })
    const found = existingRelations(
      home,
      ['dev_c'],
      [
        { catalog: 'dev_c', schema: 'snapshots', table: 'drivers' },
        { catalog: 'dev_c', schema: 'snapshots', table: 'missing' },
        { catalog: 'dev_c', schema: 'bronze_raw', table: 'bronze_laps' },
      ],
    )
    expect(found.map((t) => `${t.catalog}.${t.schema}.${t.table}`).sort()).toEqual([
      'dev_c.bronze_raw.bronze_laps',
      'dev_c.gold_analytics.v_laps',
      'dev_c.snapshots.drivers',
    ])
  })
})
