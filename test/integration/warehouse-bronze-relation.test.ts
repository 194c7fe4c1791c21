/**
 * The warehouse's `bronze_relation` macro types every bronze table with its own copy of the
 * OpenF1 fields (a typed empty row set under `union all by name`). That copy must match the field
 * catalogue defined once in `core` (issue 10): the same fields per endpoint, each typed as the
 * loader types it — dates as strings (parsed leniently in silver) and the mixed number/string
 * gaps as VARCHAR (the loader's JSON is a Delta string).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  OPENF1_ENDPOINTS,
  bronzeColumnsOf,
  type FieldKind,
  type OpenF1Endpoint,
} from '../../src/core/index.js'
import { REPO_ROOT } from '../helpers/cli.js'

/** The type the macro gives a field of each kind (lower case, as written in the macro). */
const MACRO_TYPE_OF_KIND: Readonly<Record<FieldKind, string>> = {
  int: 'bigint',
  num: 'double',
  str: 'varchar',
  date: 'varchar',
  bool: 'boolean',
  gap: 'varchar',
  segments: 'bigint[]',
}

/** The bronze table of an endpoint (the loader's names: `location` lands in bronze_locations). */
const bronzeTableOf = (endpoint: OpenF1Endpoint): string =>
  endpoint === 'location' ? 'bronze_locations' : `bronze_${endpoint}`

/** `bronze_x → [[field, type], …]` as written in the macro's `columns` map. */
function macroColumns(): Map<string, [string, string][]> {
  const text = readFileSync(join(REPO_ROOT, 'warehouse', 'macros', 'bronze_relation.sql'), 'utf8')
  const out = new Map<string, [string, string][]>()
  for (const block of text.matchAll(/'(bronze_\w+)':\s*\[([\s\S]*?)\]\s*\]/g)) {
    const pairs = [...`${block[2] ?? ''}]`.matchAll(/\[\s*'(\w+)',\s*'([\w[\]]+)'\s*\]/g)]
    out.set(
      block[1] ?? '',
      pairs.map((p) => [p[1] ?? '', p[2] ?? '']),
    )
  }
  return out
}

describe('the bronze_relation macro', () => {
  const macro = macroColumns()

  it('lists the 13 bronze tables the loader writes', () => {
    expect([...macro.keys()].sort()).toEqual(
      [
        'bronze_car_data',
        'bronze_drivers',
        'bronze_intervals',
        'bronze_laps',
        'bronze_locations',
        'bronze_meetings',
        'bronze_pit',
        'bronze_position',
        'bronze_race_control',
        'bronze_session_result',
        'bronze_sessions',
        'bronze_stints',
        'bronze_weather',
      ].sort(),
    )
  })

  it('types every field of each endpoint as the core field catalogue does', () => {
    const endpoints = OPENF1_ENDPOINTS.filter((e) => macro.has(bronzeTableOf(e)))
    expect(endpoints).toHaveLength(macro.size)
    for (const endpoint of endpoints) {
      const table = bronzeTableOf(endpoint)
      const expected = bronzeColumnsOf(endpoint)
        .map((c) => [c.name, MACRO_TYPE_OF_KIND[c.kind]] as const)
        .map(([name, type]) => `${name} ${type}`)
        .sort()
      const actual = (macro.get(table) ?? []).map(([name, type]) => `${name} ${type}`).sort()
      expect(actual, table).toEqual(expected)
    }
  })
})
