/**
 * The built-in dbt_utils tests (used when the dbt_utils package is not installed) honour their
 * documented arguments as dbt_utils does (issue 15): `group_by_columns` checks each group (a test
 * that passes on the whole table fails on one bad group), `quote_columns` quotes, and
 * `equal_rowcount` / `fewer_rows_than` / `equality` count failures with dbt_utils' `fail_calc`;
 * `equality` and `cardinality_equality` compare as dbt_utils does.
 */
import { describe, expect, it } from 'vitest'
import { executeRun, parseProject } from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { PROFILES, appendBronze, openWarehouse } from './transform-fixture.js'

const FILES = {
  'dbt_project.yml': `name: pitwall\nprofile: pitwall\nmodels:\n  pitwall:\n    +schema: silver_clean\n    +materialized: table\n`,
  'profiles.yml': PROFILES,
  'models/sources.yml': `sources:\n  - name: bronze\n    schema: bronze_raw\n    tables: [{ name: events }]\n`,
  'models/e.sql': `select id, team as "Team Name", team, label, speed, ts from {{ source('bronze', 'events') }}`,
  // Same total (4) as e, split 3 / 1 instead of 2 / 2 (read from the source: a failing test on e
  // would otherwise skip them, as in dbt build).
  'models/e2.sql': `select id, case when id = 3 then 'A' else team end as team from {{ source('bronze', 'events') }}`,
  // Two more A rows: more rows overall and for A, as many for B.
  'models/e3.sql': `select id, team from {{ source('bronze', 'events') }} union all select 9, 'A' union all select 10, 'A'`,
  // e's id, team and speed, one speed off by 0.0001 and an extra column.
  // Ranges per team: A [0, 10) [10, 20) touching, B [0, 5) [7, 9) with a gap.
  'models/ranges.sql': `select * from (values ('A', 0, 10), ('A', 10, 20), ('B', 0, 5), ('B', 7, 9)) t(team, lo, hi)`,
  'models/e4.sql': `select id, team, case when id = 1 then speed + 0.0001 else speed end as speed, 'extra' as note from {{ source('bronze', 'events') }}`,
}

const t = (name: string, args: string) => `          - ${name}: ${args}`

describe('built-in dbt_utils tests', () => {
  it('check each group with group_by_columns, quote columns, and count as dbt_utils does', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(
          warehouse,
          'events',
          `select * from (values
            (1, 'A', 'x', 10, now()::timestamp),
            (2, 'A', 'y', 20, now()::timestamp),
            (3, 'B', 'z', null, now()::timestamp - interval 5 day),
            (4, 'B', 'z', null, now()::timestamp - interval 5 day)) t(id, team, label, speed, ts)`,
        )
        const project = parseProject({
          ...FILES,
          'models/schema.yml': `models:
  - name: e
    data_tests:
      - dbt_utils.recency: { field: ts, datepart: day, interval: 7, name: recency_pass }
      - dbt_utils.recency: { field: ts, datepart: day, interval: 7, ignore_time_component: true, name: recency_date_pass }
      - dbt_utils.recency: { field: ts, datepart: day, interval: 1, group_by_columns: [team], name: recency_by_team_fail }
      - dbt_utils.equal_rowcount: { compare_model: "ref('e2')", name: rowcount_pass }
      - dbt_utils.equal_rowcount: { compare_model: "ref('e2')", group_by_columns: [team], name: rowcount_by_team_fail }
      - dbt_utils.fewer_rows_than: { compare_model: "ref('e3')", name: fewer_pass }
      - dbt_utils.fewer_rows_than: { compare_model: "ref('e3')", group_by_columns: [team], name: fewer_by_team_fail }
      - dbt_utils.unique_combination_of_columns: { combination_of_columns: [id, Team Name], quote_columns: true, name: ucc_quoted_pass }
    columns:
      - name: speed
        data_tests:
${t('dbt_utils.at_least_one', '{ name: alo_pass }')}
${t('dbt_utils.at_least_one', '{ group_by_columns: [team], name: alo_by_team_fail }')}
${t('dbt_utils.not_null_proportion', '{ at_least: 0.5, name: nnp_pass }')}
${t('dbt_utils.not_null_proportion', '{ at_least: 0.5, group_by_columns: [team], name: nnp_by_team_fail }')}
      - name: label
        data_tests:
${t('dbt_utils.not_constant', '{ name: nc_pass }')}
${t('dbt_utils.not_constant', '{ group_by_columns: [team], name: nc_by_team_fail }')}
  - name: e4
    data_tests:
      - dbt_utils.equality: { compare_model: "ref('e4')", name: eq_self_pass }
      - dbt_utils.equality: { compare_model: "ref('e2')", compare_columns: [id], name: eq_columns_pass }
      - dbt_utils.equality: { compare_model: "ref('e2')", compare_columns: [id, team], name: eq_columns_fail }
      - dbt_utils.equality: { compare_model: "ref('e')", compare_columns: [id, team, speed], precision: 2, name: eq_precision_pass }
      - dbt_utils.equality: { compare_model: "ref('e')", compare_columns: [id, team, speed], precision: 5, name: eq_precision_fail }
      - dbt_utils.equality: { compare_model: "ref('e2')", name: eq_columns_differ_error }
    columns:
      - name: team
        data_tests:
          - dbt_utils.cardinality_equality: { to: "ref('e')", field: team, name: card_pass }
          - dbt_utils.cardinality_equality: { to: "ref('e2')", field: team, name: card_fail }
  - name: ranges
    data_tests:
      - dbt_utils.mutually_exclusive_ranges: { lower_bound_column: lo, upper_bound_column: hi, partition_by: team, name: mer_pass }
      - dbt_utils.mutually_exclusive_ranges: { lower_bound_column: lo, upper_bound_column: hi, partition_by: team, gaps: not_allowed, name: mer_no_gaps_fail }
      - dbt_utils.mutually_exclusive_ranges: { lower_bound_column: lo, upper_bound_column: hi, partition_by: team, gaps: required, name: mer_gaps_required_fail }
      - dbt_utils.mutually_exclusive_ranges: { lower_bound_column: lo, upper_bound_column: hi, name: mer_overlap_fail }
`,
        })
        expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        const r = await executeRun(project, warehouse, { command: 'build' })
        const tests = r.results.filter((x) => x.unique_id.startsWith('test.'))
        const outcome = Object.fromEntries(tests.map((x) => [x.unique_id.split('.')[2]!, x.status]))
        expect(Object.keys(outcome)).toHaveLength(26)
        expect(outcome).toEqual(
          Object.fromEntries(
            Object.keys(outcome).map((k) => [
              k,
              k.endsWith('_pass') ? 'pass' : k.endsWith('_error') ? 'error' : 'fail',
            ]),
          ),
        )
        const failures = (name: string) =>
          tests.find((x) => x.unique_id.split('.')[2] === name)?.failures
        // dbt_utils' fail_calc: summed count differences (A 2 vs 3, B 2 vs 1), and 1 for a tie.
        expect(failures('rowcount_by_team_fail')).toBe(2)
        expect(failures('fewer_by_team_fail')).toBe(1)
        // dbt_utils' equality: differing rows, plus how unbalanced the two sides are (2 + 0).
        expect(failures('eq_columns_fail')).toBe(2)
        expect(failures('mer_no_gaps_fail')).toBe(1) // B's 5 → 7
        expect(failures('mer_gaps_required_fail')).toBe(1) // A's 10 → 10
        const differ = tests.find((x) => x.unique_id.includes('.eq_columns_differ_error'))!
        expect(differ.message).toContain('has less columns than')
        const quoted = tests.find((x) => x.unique_id.includes('.ucc_quoted_pass'))!
        expect(quoted.compiled_code).toContain('"id", "Team Name"')
      } finally {
        await engine.close()
      }
    })
  })
})
