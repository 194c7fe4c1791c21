import { describe, expect, it } from 'vitest'
import { executeRun, SnapshotLockedError } from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { appendBronze, fixtureProject, openWarehouse } from './transform-fixture.js'

const SNAP = 'dev_f1_data_analytics.gold_analytics.driver_snapshot'
const CHECK = 'dev_f1_data_analytics.gold_analytics.driver_team_check'

const V1 = `select * from (values
  (1, 'Max Verstappen', 'Red Bull', timestamp '2024-01-01 00:00:00'),
  (44, 'Lewis Hamilton', 'Mercedes', timestamp '2024-01-01 00:00:00'),
  (16, 'Charles Leclerc', 'Ferrari', timestamp '2024-01-01 00:00:00')
) t(driver_number, full_name, team_name, updated_at)`
// 44 moves to Ferrari, 16 is unchanged, 1 disappears (hard delete), 81 is new.
const V2 = `select * from (values
  (44, 'Lewis Hamilton', 'Ferrari', timestamp '2025-01-01 00:00:00'),
  (16, 'Charles Leclerc', 'Ferrari', timestamp '2024-01-01 00:00:00'),
  (81, 'Oscar Piastri', 'McLaren', timestamp '2025-01-01 00:00:00')
) t(driver_number, full_name, team_name, updated_at)`

async function replaceDrivers(
  warehouse: Awaited<ReturnType<typeof openWarehouse>>['warehouse'],
  sql: string,
) {
  await warehouse.write(
    { database: 'dev_f1_data_analytics', schema: 'bronze_raw', identifier: 'bronze_drivers' },
    sql,
    {
      mode: 'overwrite',
    },
  )
}

describe('snapshots (SCD2) on Delta', () => {
  it('keep exactly one current row per key and close the history of changed and deleted drivers', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await replaceDrivers(warehouse, V1)
        const project = fixtureProject()
        const run = (now: string) => executeRun(project, warehouse, { command: 'snapshot', now })
        const first = await run('2024-06-01T00:00:00.000Z')
        expect(first.results.map((r) => r.status)).toEqual(['success', 'success'])
        await replaceDrivers(warehouse, V2)
        const second = await run('2025-06-01T00:00:00.000Z')
        expect(second.results.map((r) => r.message).join(' ')).not.toContain('error')
        // running again with no change adds nothing
        await run('2025-07-01T00:00:00.000Z')

        const rows = await warehouse.query(
          `select driver_number, team_name, cast(dbt_valid_from as varchar) as valid_from, cast(dbt_valid_to as varchar) as valid_to
           from ${SNAP} order by driver_number, dbt_valid_from`,
        )
        expect(rows.rows).toEqual([
          // hard_deletes: invalidate closes the vanished driver at the run's time
          {
            driver_number: 1,
            team_name: 'Red Bull',
            valid_from: '2024-01-01 00:00:00',
            valid_to: '2025-06-01 00:00:00',
          },
          {
            driver_number: 16,
            team_name: 'Ferrari',
            valid_from: '2024-01-01 00:00:00',
            valid_to: null,
          },
          {
            driver_number: 44,
            team_name: 'Mercedes',
            valid_from: '2024-01-01 00:00:00',
            valid_to: '2025-01-01 00:00:00',
          },
          {
            driver_number: 44,
            team_name: 'Ferrari',
            valid_from: '2025-01-01 00:00:00',
            valid_to: null,
          },
          {
            driver_number: 81,
            team_name: 'McLaren',
            valid_from: '2025-01-01 00:00:00',
            valid_to: null,
          },
        ])
        const current = await warehouse.query(
          `select driver_number, count(*) as n from ${SNAP} where dbt_valid_to is null group by all having count(*) > 1`,
        )
        expect(current.rows).toEqual([])
        const ids = await warehouse.query(
          `select count(distinct dbt_scd_id) as d, count(*) as n from ${SNAP}`,
        )
        expect(ids.rows[0]!['d']).toBe(ids.rows[0]!['n'])

        // check strategy + hard_deletes: new_record + dbt_valid_to_current
        const check = await warehouse.query(
          `select driver_number, team_name, dbt_is_deleted, cast(dbt_valid_to as varchar) as valid_to
           from ${CHECK} order by driver_number, dbt_valid_from, dbt_is_deleted`,
        )
        expect(check.rows).toEqual([
          {
            driver_number: 1,
            team_name: 'Red Bull',
            dbt_is_deleted: false,
            valid_to: '2025-06-01 00:00:00',
          },
          {
            driver_number: 1,
            team_name: 'Red Bull',
            dbt_is_deleted: true,
            valid_to: '9999-12-31 00:00:00',
          },
          {
            driver_number: 16,
            team_name: 'Ferrari',
            dbt_is_deleted: false,
            valid_to: '9999-12-31 00:00:00',
          },
          {
            driver_number: 44,
            team_name: 'Mercedes',
            dbt_is_deleted: false,
            valid_to: '2025-06-01 00:00:00',
          },
          {
            driver_number: 44,
            team_name: 'Ferrari',
            dbt_is_deleted: false,
            valid_to: '9999-12-31 00:00:00',
          },
          {
            driver_number: 81,
            team_name: 'McLaren',
            dbt_is_deleted: false,
            valid_to: '9999-12-31 00:00:00',
          },
        ])
      } finally {
        await engine.close()
      }
    })
  })

  it('fails on a duplicated source key instead of writing duplicate history, and holds a run lock', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'bronze_drivers', V1)
        await appendBronze(warehouse, 'bronze_drivers', V1)
        const project = fixtureProject()
        const r = await executeRun(project, warehouse, {
          command: 'snapshot',
          select: ['driver_snapshot'],
        })
        expect(r.results[0]!.status).toBe('error')
        expect(r.results[0]!.message).toMatch(/3 duplicated .*unique_key/)
        expect(
          await warehouse.describe({
            database: 'dev_f1_data_analytics',
            schema: 'gold_analytics',
            identifier: 'driver_snapshot',
          }),
        ).toBeUndefined()

        const release = await warehouse.lock(
          'snapshot-dev_f1_data_analytics.gold_analytics.driver_snapshot',
        )
        await expect(
          warehouse.lock('snapshot-dev_f1_data_analytics.gold_analytics.driver_snapshot'),
        ).rejects.toBeInstanceOf(SnapshotLockedError)
        const locked = await executeRun(project, warehouse, {
          command: 'snapshot',
          select: ['driver_snapshot'],
        })
        expect(locked.results[0]!.message).toContain('is being run by another process')
        await release()
      } finally {
        await engine.close()
      }
    })
  })
})
