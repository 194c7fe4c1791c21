/**
 * A build with no new data commits nothing: table and incremental models, seeds, snapshots and
 * passing tests whose inputs did not change are skipped as up to date (until an input, the SQL,
 * the seed's CSV or --full-refresh says otherwise), and an incremental batch with no rows writes
 * nothing. And `adapter.get_relation` answers from the relations the runner is given: a guarded
 * missing source is not an error.
 */
import { describe, expect, it } from 'vitest'
import {
  executeRun,
  relationKey,
  type DeltaWarehouse,
  type ExecuteOptions,
  type ParsedProject,
} from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { appendBronze, fixtureProject, openWarehouse } from './transform-fixture.js'

const NOW = '2024-06-30T00:00:00.000Z'
const DB = 'dev_f1_data_analytics'
const LAPS_1 = `select * from (values
  (1, 1, 1, 91.5, timestamp '2024-06-01 10:00:00'),
  (1, 16, 1, 92.0, timestamp '2024-06-01 10:00:00')
) t(session_key, driver_number, lap_number, lap_duration, _ingested_at)`
const LAPS_2 = `select * from (values
  (1, 1, 2, 89.9, timestamp '2024-06-02 10:00:00')
) t(session_key, driver_number, lap_number, lap_duration, _ingested_at)`
const DRIVERS = `select * from (values
  (1, 'Max Verstappen', 'Red Bull', timestamp '2024-06-01 09:00:00'),
  (16, 'Charles Leclerc', 'Ferrari', timestamp '2024-06-01 09:00:00')
) t(driver_number, full_name, team_name, updated_at)`

/** A table model over a source that may never be loaded, guarded by adapter.get_relation. */
const GUARDED = {
  'models/pits.yml': `version: 2
sources:
  - name: pits
    schema: bronze_raw
    tables:
      - name: bronze_pit
`,
  'models/gold/pit_count.sql': `{%- set rel = source('pits', 'bronze_pit') -%}
{%- if adapter.get_relation(database=rel.database, schema=rel.schema, identifier=rel.identifier) -%}
select count(*) as n from {{ rel }}
{%- else -%}
select cast(0 as bigint) as n
{%- endif %}`,
}

/** The tables whose versions are compared (the microbatch model redoes its lookback by design). */
const TABLES = [
  ['gold_analytics', 'fact_laps'],
  ['gold_analytics', 'pit_count'],
  ['gold_analytics', 'driver_snapshot'],
  ['gold_analytics', 'driver_team_check'],
  ['silver_clean', 'compounds'],
  ['silver_clean', 'silver_laps_merge'],
  ['silver_clean', 'silver_laps_delins'],
  ['silver_clean', 'silver_laps_append'],
  ['silver_clean', 'silver_drivers'],
] as const

async function versions(warehouse: DeltaWarehouse): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {}
  for (const [schema, identifier] of TABLES) {
    out[identifier] = await warehouse.version({ database: DB, schema, identifier })
  }
  return out
}

async function existing(warehouse: DeltaWarehouse): Promise<Set<string>> {
  const out = new Set<string>()
  for (const t of ['bronze_laps', 'bronze_drivers', 'bronze_pit']) {
    const rel = { database: DB, schema: 'bronze_raw', identifier: t }
    if ((await warehouse.version(rel)) !== undefined) out.add(relationKey(DB, 'bronze_raw', t))
  }
  return out
}

describe('a build with no new data', () => {
  it('changes no table version, and rebuilds exactly what changed', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'bronze_laps', LAPS_1)
        await appendBronze(warehouse, 'bronze_drivers', DRIVERS)
        const run = async (
          project: ParsedProject = fixtureProject(GUARDED),
          extra: Partial<ExecuteOptions> = {},
        ): Promise<Map<string, { status: string; message: string | null }>> => {
          const o = await executeRun(project, warehouse, {
            command: 'build',
            exclude: ['resource_type:test', 'resource_type:unit_test'],
            now: NOW,
            relations: await existing(warehouse),
            ...extra,
          })
          const bad = o.results.filter((r) => r.status !== 'success')
          expect(bad.map((r) => `${r.unique_id}: ${r.message ?? ''}`)).toEqual([])
          return new Map(o.results.map((r) => [r.unique_id.split('.').pop()!, r]))
        }
        const count = async (): Promise<unknown> =>
          (await warehouse.query(`select n from "${DB}"."gold_analytics"."pit_count"`)).rows[0]?.[
            'n'
          ]

        await run()
        // the missing source is read as absent, not reported as an error
        expect(Number(await count())).toBe(0)
        const v1 = await versions(warehouse)
        expect(Object.values(v1).every((v) => typeof v === 'number')).toBe(true)

        const second = await run()
        expect(await versions(warehouse)).toEqual(v1)
        for (const id of ['fact_laps', 'pit_count', 'driver_snapshot', 'compounds'])
          expect(second.get(id)?.message, id).toMatch(/^up to date: inputs unchanged/)
        // Incremental models too: their inputs and their own table are where they were.
        for (const id of ['silver_laps_merge', 'silver_laps_delins', 'silver_laps_append'])
          expect(second.get(id)?.message, id).toMatch(/^up to date: inputs unchanged/)

        // Tests that passed on the same rows are not run again; the others are.
        const test = () =>
          executeRun(fixtureProject(GUARDED), warehouse, { command: 'test', now: NOW })
        const tests1 = await test()
        const tests2 = new Map((await test()).results.map((r) => [r.unique_id, r]))
        expect(tests1.results.filter((r) => r.status === 'pass').length).toBeGreaterThan(5)
        for (const r1 of tests1.results) {
          const r2 = tests2.get(r1.unique_id)!
          expect(r2.status, r1.unique_id).toBe(r1.status)
          if (r1.status === 'pass')
            expect(r2.message, r1.unique_id).toBe(
              'up to date: passed on the same inputs in the last build',
            )
          else expect(r2.message, r1.unique_id).not.toMatch(/^up to date/)
        }

        // Rows the incremental filter leaves out (older than the watermark): the incremental
        // models run, find no new rows and commit nothing.
        await appendBronze(
          warehouse,
          'bronze_laps',
          LAPS_1.replaceAll("timestamp '2024-06-01 10:00:00'", "timestamp '2024-05-01 10:00:00'"),
        )
        const old = await run()
        for (const id of ['silver_laps_merge', 'silver_laps_delins', 'silver_laps_append'])
          expect(old.get(id)?.message, id).toBe('OK no new rows (nothing written)')
        const vOld = await versions(warehouse)
        for (const id of ['silver_laps_merge', 'silver_laps_delins', 'silver_laps_append'])
          expect(vOld[id], id).toBe(v1[id])

        // New laps: the incremental models and fact_laps move; the rest stays.
        await appendBronze(warehouse, 'bronze_laps', LAPS_2)
        const third = await run()
        const v3 = await versions(warehouse)
        for (const id of ['fact_laps', 'silver_laps_merge', 'silver_laps_delins'])
          expect(v3[id], id).toBeGreaterThan(v1[id] as number)
        for (const id of ['pit_count', 'driver_snapshot', 'compounds', 'silver_drivers'])
          expect(v3[id], id).toBe(v1[id])
        expect(third.get('fact_laps')?.message).toMatch(/^OK created table/)

        // The guarded source appears: the compiled SQL changes, so the model is rebuilt.
        await appendBronze(warehouse, 'bronze_pit', 'select 1 as lap_number union all select 2')
        await run()
        expect(Number(await count())).toBe(2)

        // A changed seed CSV is reloaded; --full-refresh rebuilds whatever is up to date.
        const csv = fixtureProject(GUARDED).nodes['seed.pitwall.compounds']!.seed_csv!
        await run(fixtureProject({ ...GUARDED, 'seeds/compounds.csv': `${csv}WET,5,#0067ad\n` }))
        const v5 = await versions(warehouse)
        expect(v5['compounds']).toBeGreaterThan(v3['compounds'] as number)
        expect(v5['fact_laps']).toBe(v3['fact_laps'])
        const full = await run(undefined, { fullRefresh: true })
        expect(full.get('fact_laps')?.message).toMatch(/^OK created table/)
        expect((await versions(warehouse))['fact_laps']).toBeGreaterThan(v5['fact_laps'] as number)
      } finally {
        await engine.close()
      }
    })
  })
})
