/**
 * How a failing data test propagates in `build` (issue 18): as in dbt, only what is built from
 * the tested rows is skipped — the tested model's descendants — never unrelated models that merely
 * share a dimension with it.
 */
import { describe, expect, it } from 'vitest'
import { executeRun, parseProject } from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { openWarehouse } from './transform-fixture.js'

const FILES: Record<string, string> = {
  'dbt_project.yml': 'name: f1\nprofile: f1\nmodels:\n  f1:\n    +materialized: table\n',
  'profiles.yml': `f1:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_c, threads: 1 }\n`,
  'models/dim_sessions.sql': 'select 9496 as session_key',
  'models/dim_teams.sql': "select session_key, 'Ferrari' as team from {{ ref('dim_sessions') }}",
  'models/dim_meetings.sql':
    "select session_key, 'Imola' as meeting from {{ ref('dim_sessions') }}",
  // A lap-1 red flag: a one-lap stint of 3+ minutes.
  'models/fact_stints.sql': 'select 9496 as session_key, 1 as stint, 205.3 as best_lap_time',
  'models/tyre_strategy.sql':
    "select session_key, count(*) as stints from {{ ref('fact_stints') }} group by all",
  'models/schema.yml': `models:
  - name: fact_stints
    columns:
      - name: best_lap_time
        data_tests:
          - dbt_utils.accepted_range: { max_value: 180 }
      - name: session_key
        data_tests:
          - relationships: { to: ref('dim_sessions'), field: session_key }
  - name: tyre_strategy
    columns:
      - name: session_key
        data_tests:
          - relationships: { to: ref('dim_sessions'), field: session_key }
`,
}

describe('build with a failing data test', () => {
  it('skips only the descendants of the tested model, naming the failed test', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        const project = parseProject(FILES)
        expect(project.diagnostics).toEqual([])
        const run = await executeRun(project, warehouse, { command: 'build', threads: 1 })
        const status = Object.fromEntries(run.results.map((r) => [r.unique_id, r.status]))
        const failed = run.results.find((r) => r.status === 'fail')
        expect(failed?.unique_id).toMatch(/^test\.f1\.dbt_utils_accepted_range_fact_stints/)
        expect(status['model.f1.tyre_strategy']).toBe('skipped')
        expect(
          run.results.find((r) => r.unique_id === 'model.f1.tyre_strategy')?.message,
        ).toContain(`test failed: ${failed!.unique_id}`)
        // Unrelated models that read only dim_sessions are built (the old edges skipped them
        // through tyre_strategy's relationships test to dim_sessions).
        expect(status['model.f1.dim_teams']).toBe('success')
        expect(status['model.f1.dim_meetings']).toBe('success')
        expect(status['model.f1.fact_stints']).toBe('success')
      } finally {
        await engine.close()
      }
    })
  })

  it('runs nothing for an empty selection, not even the on-run hooks', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        const project = parseProject({
          ...FILES,
          'dbt_project.yml': `${FILES['dbt_project.yml']!}on-run-start: "create table hook_ran as select 1 as x"\n`,
        })
        const hookRan = async () =>
          Number(
            (
              await warehouse.query(
                "select count(*) as n from information_schema.tables where table_name = 'hook_ran'",
              )
            ).rows[0]?.['n'],
          )
        const none = await executeRun(project, warehouse, { command: 'build', select: ['nope'] })
        expect(none.results).toEqual([])
        expect(await hookRan()).toBe(0)
        const one = await executeRun(project, warehouse, {
          command: 'run',
          select: ['dim_sessions'],
        })
        expect(one.results.map((r) => r.unique_id)).toContain('model.f1.dim_sessions')
        expect(await hookRan()).toBe(1)
      } finally {
        await engine.close()
      }
    })
  })
})
