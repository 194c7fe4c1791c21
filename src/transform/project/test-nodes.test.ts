import { describe, expect, it } from 'vitest'
import { parseProject } from './parse-project.js'

const BASE = {
  'dbt_project.yml': 'name: pitwall\nprofile: pitwall\n',
  'profiles.yml': `pitwall:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_c, threads: 1 }\n`,
  'models/laps.sql': 'select 1 as lap, 2 as driver',
}

describe('generic test nodes', () => {
  it('reject the same test declared twice on one column, naming both places (as dbt)', () => {
    const p = parseProject({
      ...BASE,
      'models/laps.yml': `models:
  - name: laps
    columns:
      - name: lap
        data_tests:
          - not_null
          - accepted_values: { values: [1, 2] }
          - not_null
          - accepted_values: { values: [1, 2] }
`,
    })
    const dups = p.diagnostics.filter((d) => d.code === 'duplicate-test')
    expect(dups.map((d) => [d.severity, d.params?.name, d.at?.line])).toEqual([
      ['error', 'not_null_laps_lap', 8],
      ['error', 'accepted_values_laps_lap__1__2', 9],
    ])
    expect(dups[0]!.message).toContain('models/laps.yml:6 and models/laps.yml:8')
  })

  it('keep tests that differ in arguments, column or model, and custom-named twins', () => {
    const p = parseProject({
      ...BASE,
      'models/laps.yml': `models:
  - name: laps
    data_tests:
      - dbt_utils.unique_combination_of_columns: { combination_of_columns: [lap, driver] }
    columns:
      - name: lap
        data_tests:
          - not_null
          - accepted_values: { values: [1, 2] }
          - accepted_values: { values: [1, 3] }
          - not_null: { name: lap_present_again, config: { severity: warn } }
      - name: driver
        data_tests: [not_null]
`,
    })
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(Object.keys(p.nodes).filter((k) => k.startsWith('test.')).length).toBe(6)
  })
})
