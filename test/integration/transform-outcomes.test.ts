import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LocalObjectStore, loadSnapshot } from '../../src/lake/index.js'
import { executeRun, parseProject, type NodeResult } from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { PROFILES, appendBronze, openWarehouse } from './transform-fixture.js'

const BASE = {
  'dbt_project.yml': `name: pitwall\nprofile: pitwall\nmodels:\n  pitwall:\n    +schema: silver_clean\n`,
  'profiles.yml': PROFILES,
  'models/sources.yml': `sources:\n  - name: bronze\n    schema: bronze_raw\n    tables: [{ name: events }]\n`,
}
const EVENTS = `select * from (values (1, 'a', 10), (2, 'b', -5), (3, null, -7), (4, 'd', 20)) t(id, label, speed)`

const byName = (results: readonly NodeResult[], part: string): NodeResult => {
  const r = results.find((x) => x.unique_id.includes(part))
  if (r === undefined)
    throw new Error(`no result for ${part}: ${results.map((x) => x.unique_id).join(', ')}`)
  return r
}

describe('transform node outcomes', () => {
  it('applies severity, warn_if/error_if, where, limit and store_failures to tests; skips downstream of failures with the cause', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'events', EVENTS)
        const project = parseProject({
          ...BASE,
          'models/events.sql': `{{ config(materialized='table') }} select * from {{ source('bronze', 'events') }}`,
          'models/after_events.sql': `select * from {{ ref('events') }}`,
          'models/broken.sql': `select *\nfrom {{ source('bronze', 'events') }}\n{% if execute %}{{ exceptions.raise_compiler_error('speed must be set') }}{% endif %}`,
          'models/after_broken.sql': `select * from {{ ref('broken') }}`,
          'models/schema.yml': `models:
  - name: events
    columns:
      - name: label
        data_tests:
          - not_null: { config: { severity: warn } }
      - name: speed
        data_tests:
          - dbt_utils.accepted_range:
              arguments: { min_value: 0 }
              config: { store_failures: true, error_if: ">1", warn_if: ">0" }
          - dbt_utils.accepted_range:
              name: speed_positive_where_labelled
              arguments: { min_value: 0 }
              config: { where: "label is not null", limit: 5 }
`,
        })
        const r = await executeRun(project, warehouse, { command: 'build', threads: 3 })
        const notNull = byName(r.results, 'not_null_events_label')
        expect(notNull.status).toBe('warn')
        expect(notNull.failures).toBe(1)
        const range = byName(r.results, 'dbt_utils_accepted_range_events_speed__0')
        expect(range.status).toBe('fail')
        expect(range.failures).toBe(2)
        expect(range.stored_failures).toBe(
          '"dev_f1_data_analytics"."gold_analytics_dbt_test__audit"."dbt_utils_accepted_range_events_speed__0"',
        )
        const stored = await warehouse.query(`select id from ${range.stored_failures!} order by id`)
        expect(stored.rows).toEqual([{ id: 2 }, { id: 3 }])
        const filtered = byName(r.results, 'speed_positive_where_labelled')
        // with where: only id 2 is labelled and negative; error_if defaults to != 0
        expect(filtered.status).toBe('fail')
        expect(filtered.failures).toBe(1)
        expect(filtered.failing_rows_sample).toEqual([{ id: 2, label: 'b', speed: -5 }])
        // a failing test in build skips the tested model's children, naming the cause
        const after = byName(r.results, 'model.pitwall.after_events')
        expect(after.status).toBe('skipped')
        expect(after.message).toContain('test failed')
        const broken = byName(r.results, 'model.pitwall.broken')
        expect(broken.status).toBe('error')
        expect(broken.message).toMatch(
          /^models\/broken\.sql:3:\d+: error: template error: speed must be set/,
        )
        expect(byName(r.results, 'model.pitwall.after_broken').message).toBe(
          'skipped because an upstream node errored: model.pitwall.broken',
        )
        expect(r.success).toBe(false)
        // --fail-fast: after the first failure nothing else starts
        const fast = await executeRun(project, warehouse, {
          command: 'build',
          threads: 1,
          failFast: true,
        })
        const firstBad = fast.results.findIndex((x) => x.status === 'error' || x.status === 'fail')
        expect(firstBad).toBeGreaterThanOrEqual(0)
        const laterRuns = fast.results.slice(firstBad + 1).filter((x) => x.status !== 'skipped')
        expect(laterRuns).toEqual([])
        expect(
          fast.results.some((x) =>
            x.message?.startsWith('skipped: --fail-fast stopped the run after'),
          ),
        ).toBe(true)
      } finally {
        await engine.close()
      }
    })
  })

  it('fails a merge with NULL keys, and handles on_schema_change fail / append_new_columns / sync_all_columns', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(
          warehouse,
          'events',
          `select * from (values (1, 'a', 10), (2, 'b', 20)) t(id, label, speed)`,
        )
        const model = (cols: string, mode: string) =>
          `{{ config(materialized='incremental', unique_key='id', on_schema_change='${mode}') }}\nselect ${cols} from {{ source('bronze', 'events') }}\n{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}`
        const files = (cols: string) => ({
          ...BASE,
          'models/m_fail.sql': model(cols, 'fail'),
          'models/m_append.sql': model(cols, 'append_new_columns'),
          'models/m_sync.sql': model(cols, 'sync_all_columns'),
          'models/m_null.sql': `{{ config(materialized='incremental', unique_key=['id', 'label']) }}\nselect id, case when id = 3 then null else label end as label from {{ source('bronze', 'events') }}`,
        })
        const first = await executeRun(parseProject(files('id, label')), warehouse, {
          command: 'run',
        })
        expect(first.results.filter((x) => x.status !== 'success').map((x) => x.message)).toEqual(
          [],
        )
        await appendBronze(
          warehouse,
          'events',
          `select * from (values (3, 'c', 30)) t(id, label, speed)`,
        )
        const second = await executeRun(parseProject(files('id, speed')), warehouse, {
          command: 'run',
        })
        expect(byName(second.results, 'm_null').status).toBe('error')
        expect(byName(second.results, 'm_null').message).toMatch(
          /1 new row\(s\) of m_null have a NULL in the unique_key \(id, label\)/,
        )
        expect(byName(second.results, 'm_fail').message).toMatch(/added speed, removed label/)
        expect(byName(second.results, 'm_append').message).toMatch(/^OK merged/)
        const appended = await warehouse.query(
          'select id, label, speed from dev_f1_data_analytics.silver_clean.m_append order by id',
        )
        // old rows keep their label (not backfilled: NULL only where the new rows lack it)
        expect(appended.rows).toEqual([
          { id: 1, label: 'a', speed: null },
          { id: 2, label: 'b', speed: null },
          { id: 3, label: null, speed: 30 },
        ])
        const synced = await warehouse.query(
          'select * from dev_f1_data_analytics.silver_clean.m_sync order by id',
        )
        expect(synced.columns.map((c) => c.name)).toEqual(['id', 'speed'])
        // the column drop is a schema-replacing overwrite of the same Delta table: history is kept
        const syncTable = await loadSnapshot(
          new LocalObjectStore(join(home, 'dev_f1_data_analytics', 'silver_clean', 'm_sync')),
        )
        expect(syncTable.version).toBe(2) // create, overwrite (drop label), merge
        expect(synced.rows).toEqual([
          { id: 1, speed: null },
          { id: 2, speed: null },
          { id: 3, speed: 30 },
        ])
      } finally {
        await engine.close()
      }
    })
  })

  it('runs on-run-start/end and pre/post hooks rendered in the node scope', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'events', EVENTS)
        const project = parseProject({
          ...BASE,
          'dbt_project.yml': `name: pitwall
profile: pitwall
on-run-start: "create temp table hook_log (what varchar)"
on-run-end: ["insert into hook_log values ('end {{ target.name }}')"]
models:
  pitwall:
    +schema: silver_clean
    +post-hook: "insert into hook_log select 'post ' || count(*) from {{ this }}"
`,
          'models/m.sql': `{{ config(materialized='table', pre_hook="insert into hook_log values ('pre {{ this.identifier }}')") }}
select * from {{ source('bronze', 'events') }}`,
        })
        const r = await executeRun(project, warehouse, { command: 'run' })
        expect(r.results.map((x) => `${x.unique_id} ${x.status}`)).toEqual([
          'operation.pitwall.pitwall-on-run-start-0 success',
          'model.pitwall.m success',
          'operation.pitwall.pitwall-on-run-end-0 success',
        ])
        const log = await warehouse.query('select what from hook_log')
        expect(log.rows.map((x) => x['what'])).toEqual(['pre m', 'post 4', 'end dev'])
      } finally {
        await engine.close()
      }
    })
  })

  it('fails the readers of a source that does not exist with a message saying how to fix it', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        const project = parseProject({
          ...BASE,
          'models/m.sql': `select * from {{ source('bronze', 'events') }}`,
          'models/n.sql': `select * from {{ ref('m') }}`,
        })
        const r = await executeRun(project, warehouse, { command: 'run' })
        expect(r.results.map((x) => [x.unique_id, x.status, x.message])).toEqual([
          [
            'model.pitwall.m',
            'error',
            'source bronze.events does not exist yet (dev_f1_data_analytics.bronze_raw.events); load it first (pitwall load) or fix schema/identifier in models/sources.yml',
          ],
          [
            'model.pitwall.n',
            'skipped',
            'skipped because an upstream node errored: model.pitwall.m',
          ],
        ])
      } finally {
        await engine.close()
      }
    })
  })

  it('runs unit tests before their model in build; a failing one skips the model', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'events', EVENTS)
        const project = parseProject({
          ...BASE,
          'models/fast.sql': `select id, speed * 2 as double_speed from {{ source('bronze', 'events') }} where speed > 0`,
          'models/schema.yml': `unit_tests:
  - name: doubles_positive_speeds
    model: fast
    given:
      - input: source('bronze', 'events')
        rows: [{ id: 1, speed: 5 }, { id: 2, speed: -1 }]
    expect:
      rows: [{ id: 1, double_speed: 11 }]
  - name: csv_and_sql_fixtures
    model: fast
    given:
      - input: source('bronze', 'events')
        format: csv
        rows: |
          id,speed
          7,3
          8,0
    expect:
      rows: [{ id: 7, double_speed: 6 }]
`,
        })
        const r = await executeRun(project, warehouse, { command: 'build' })
        expect(r.results.map((x) => [x.unique_id, x.status]).sort()).toEqual([
          ['model.pitwall.fast', 'skipped'],
          ['unit_test.pitwall.fast.csv_and_sql_fixtures', 'pass'],
          ['unit_test.pitwall.fast.doubles_positive_speeds', 'fail'],
        ])
        expect(r.results.find((x) => x.status === 'fail')!.message).toContain(
          'expected but missing: [1,11]; unexpected: [1,10]',
        )
      } finally {
        await engine.close()
      }
    })
  })

  it('enforces model contracts: column names and data types must match the schema YAML', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'events', EVENTS)
        const contract = (type: string) => `models:
  - name: c
    config: { contract: { enforced: true } }
    columns:
      - { name: id, data_type: ${type} }
      - { name: label, data_type: string }
`
        const model = `{{ config(materialized='table') }} select id, label from {{ source('bronze', 'events') }}`
        const ok = await executeRun(
          parseProject({ ...BASE, 'models/c.sql': model, 'models/s.yml': contract('int') }),
          warehouse,
          { command: 'run' },
        )
        expect(ok.results[0]!.status).toBe('success')
        const bad = await executeRun(
          parseProject({
            ...BASE,
            'models/c.sql': model.replace('id, label', 'id, label, speed'),
            'models/s.yml': contract('bigint'),
          }),
          warehouse,
          { command: 'run' },
        )
        expect(bad.results[0]!.message).toBe(
          "the model's columns break its contract: column id is INTEGER, the contract says bigint; extra column speed",
        )
      } finally {
        await engine.close()
      }
    })
  })

  it('merges into an incremental table that is still empty', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'events', EVENTS)
        const project = parseProject({
          ...BASE,
          'models/late.sql': `{{ config(materialized='incremental', unique_key='id') }}
select id, label from {{ source('bronze', 'events') }} where id > 100`,
        })
        expect((await executeRun(project, warehouse, { command: 'run' })).results[0]!.message).toBe(
          'OK created incremental table (0 rows)',
        )
        await appendBronze(warehouse, 'events', `select 101 as id, 'late' as label, 1 as speed`)
        const second = await executeRun(project, warehouse, { command: 'run' })
        expect(second.results[0]!.message).toBe('OK merged: 1 inserted, 0 updated')
        const rows = await warehouse.query(
          'select id, label from dev_f1_data_analytics.silver_clean.late',
        )
        expect(rows.rows).toEqual([{ id: 101, label: 'late' }])
      } finally {
        await engine.close()
      }
    })
  })

  it('runs microbatch models batch by batch over event_time, with lookback on later runs', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        const rows = (...r: [number, string][]) =>
          `select * from (values ${r.map(([id, ts]) => `(${id}, timestamp '${ts}')`).join(', ')}) t(id, ts)`
        await appendBronze(
          warehouse,
          'events',
          rows([1, '2024-06-01 10:00:00'], [2, '2024-06-02 10:00:00'], [3, '2024-06-03 10:00:00']),
        )
        const project = parseProject({
          ...BASE,
          'models/stg.sql': `{{ config(materialized='table', event_time='ts') }} select * from {{ source('bronze', 'events') }}`,
          'models/daily.sql': `{{ config(materialized='incremental', incremental_strategy='microbatch', event_time='ts', batch_size='day', begin='2024-06-01') }}
select id, ts from {{ ref('stg') }}`,
        })
        const ids = async () =>
          (
            await warehouse.query(
              'select id from dev_f1_data_analytics.silver_clean.daily order by id',
            )
          ).rows.map((r) => r['id'])
        const first = await executeRun(project, warehouse, {
          command: 'run',
          now: '2024-06-03T12:00:00.000Z',
        })
        const daily = first.results.find((r) => r.unique_id === 'model.pitwall.daily')!
        expect(daily.message).toBe('OK microbatch: 3 batch(es) of one day, 3 rows')
        expect(daily.compiled_code).toContain(
          `where ts >= timestamp '2024-06-03 00:00:00.000' and ts < timestamp '2024-06-04 00:00:00.000'`,
        )
        expect(await ids()).toEqual([1, 2, 3])
        // a late row for 06-03 is picked up; one for 06-01 is outside lookback (1 batch) until a full refresh
        await appendBronze(
          warehouse,
          'events',
          rows([4, '2024-06-03 11:00:00'], [5, '2024-06-01 11:00:00']),
        )
        const second = await executeRun(project, warehouse, {
          command: 'run',
          now: '2024-06-03T18:00:00.000Z',
        })
        expect(second.results.find((r) => r.unique_id === 'model.pitwall.daily')!.message).toBe(
          'OK microbatch: 2 batch(es) of one day, 3 rows',
        )
        expect(await ids()).toEqual([1, 2, 3, 4])
        // a targeted backfill of 06-01 picks up the late row without rebuilding the rest
        const backfill = await executeRun(project, warehouse, {
          command: 'run',
          select: ['daily'],
          eventTimeStart: '2024-06-01',
          eventTimeEnd: '2024-06-02',
          now: '2024-06-03T18:00:00.000Z',
        })
        expect(backfill.results[0]!.message).toBe('OK microbatch: 1 batch(es) of one day, 2 rows')
        expect(await ids()).toEqual([1, 2, 3, 4, 5])
        await executeRun(project, warehouse, {
          command: 'run',
          fullRefresh: true,
          now: '2024-06-03T18:00:00.000Z',
        })
        expect(await ids()).toEqual([1, 2, 3, 4, 5])
      } finally {
        await engine.close()
      }
    })
  })

  it('persists view definitions so that a later process recreates the views', async () => {
    await withTmpDir(async (home) => {
      const first = await openWarehouse(home)
      const project = parseProject({
        ...BASE,
        'models/t.sql': `{{ config(materialized='table') }} select * from {{ source('bronze', 'events') }}`,
        'models/v.sql': `{{ config(materialized='view') }} select id, speed * 2 as s2 from {{ ref('t') }}`,
      })
      try {
        await appendBronze(first.warehouse, 'events', EVENTS)
        // --empty: the models are built from zero-row inputs, with their real columns
        expect(
          (await executeRun(project, first.warehouse, { command: 'run', empty: true })).success,
        ).toBe(true)
        const empty = await first.warehouse.query(
          'select * from dev_f1_data_analytics.silver_clean.t',
        )
        expect(empty.rows).toEqual([])
        expect(empty.columns.map((c) => c.name)).toEqual(['id', 'label', 'speed'])
        expect((await executeRun(project, first.warehouse, { command: 'run' })).success).toBe(true)
      } finally {
        await first.engine.close()
      }
      const second = await openWarehouse(home)
      try {
        const rel = (name: string) => ({
          database: 'dev_f1_data_analytics',
          schema: 'silver_clean',
          identifier: name,
        })
        await second.warehouse.prepare([rel('t'), rel('v')])
        expect((await second.warehouse.describe(rel('v')))?.kind).toBe('view')
        const r = await second.warehouse.query(
          'select sum(s2) as total from dev_f1_data_analytics.silver_clean.v',
        )
        expect(Number(r.rows[0]!['total'])).toBe(36)
      } finally {
        await second.engine.close()
      }
    })
  })

  it('runs every built-in generic and dbt_utils test with the right outcome', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(
          warehouse,
          'events',
          `select * from (values (1, 'a', 10, now()::timestamp), (2, 'b', 20, now()::timestamp), (4, 'b', null, now()::timestamp - interval 3 day)) t(id, label, speed, ts)`,
        )
        const t = (name: string, args: string) => `          - ${name}: ${args}`
        const project = parseProject({
          ...BASE,
          'models/e.sql': `{{ config(materialized='table') }} select * from {{ source('bronze', 'events') }}`,
          'models/schema.yml': `models:
  - name: e
    data_tests:
      - dbt_utils.unique_combination_of_columns: { combination_of_columns: [id, label], name: t_ucc_pass }
      - dbt_utils.expression_is_true: { expression: "id > 0", name: t_expr_pass }
      - dbt_utils.recency: { field: ts, datepart: day, interval: 1, name: t_recency_pass }
      - dbt_utils.equal_rowcount: { compare_model: "ref('e')", name: t_rowcount_pass }
    columns:
      - name: id
        data_tests:
${t('unique', '{ name: t_unique_pass }')}
${t('dbt_utils.sequential_values', '{ name: t_seq_fail }')}
${t('dbt_utils.accepted_range', '{ min_value: 1, max_value: 4, name: t_range_pass }')}
${t('dbt_utils.relationships_where', `{ to: "ref('e')", field: id, from_condition: "id < 3", name: t_relw_pass }`)}
${t('dbt_utils.not_accepted_values', '{ values: [3], quote: false, name: t_nav_pass }')}
      - name: label
        data_tests:
${t('accepted_values', '{ values: [a], name: t_av_fail }')}
${t('dbt_utils.not_constant', '{ name: t_nc_pass }')}
${t('dbt_utils.not_empty_string', '{ name: t_nes_pass }')}
      - name: speed
        data_tests:
${t('not_null', '{ name: t_nn_fail }')}
${t('dbt_utils.at_least_one', '{ name: t_alo_pass }')}
${t('dbt_utils.not_null_proportion', '{ at_least: 0.9, name: t_nnp_fail }')}
`,
        })
        expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        const r = await executeRun(project, warehouse, { command: 'build' })
        const outcome = Object.fromEntries(
          r.results
            .filter((x) => x.unique_id.startsWith('test.'))
            .map((x) => [x.unique_id.split('.')[2]!, x.status]),
        )
        const expected = Object.fromEntries(
          Object.keys(outcome).map((k) => [k, k.endsWith('_pass') ? 'pass' : 'fail']),
        )
        expect(Object.keys(outcome)).toHaveLength(15)
        expect(outcome).toEqual(expected)
      } finally {
        await engine.close()
      }
    })
  })

  it('updates only merge_update_columns (or all but merge_exclude_columns) of matched rows', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(
          warehouse,
          'events',
          `select * from (values (1, 'a', 10), (2, 'b', 20)) t(id, label, speed)`,
        )
        const model = (cfg: string) =>
          `{{ config(materialized='incremental', unique_key='id', ${cfg}) }}
select id, label, speed from {{ source('bronze', 'events') }}
{% if is_incremental() %}qualify row_number() over (partition by id order by speed desc) = 1{% endif %}`
        const project = parseProject({
          ...BASE,
          'models/upd.sql': model("merge_update_columns=['speed']"),
          'models/exc.sql': model("merge_exclude_columns=['label']"),
        })
        expect((await executeRun(project, warehouse, { command: 'run' })).success).toBe(true)
        await appendBronze(
          warehouse,
          'events',
          `select * from (values (1, 'A!', 99), (3, 'c', 30)) t(id, label, speed)`,
        )
        expect((await executeRun(project, warehouse, { command: 'run' })).success).toBe(true)
        for (const m of ['upd', 'exc']) {
          const rows = await warehouse.query(
            `select id, label, speed from dev_f1_data_analytics.silver_clean.${m} order by id`,
          )
          expect(rows.rows).toEqual([
            { id: 1, label: 'a', speed: 99 },
            { id: 2, label: 'b', speed: 20 },
            { id: 3, label: 'c', speed: 30 },
          ])
        }
      } finally {
        await engine.close()
      }
    })
  })
})
