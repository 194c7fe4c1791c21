import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { LocalObjectStore, loadSnapshot } from '../../src/lake/index.js'
import { executeRun } from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { appendBronze, fixtureProject, openWarehouse, tableRows } from './transform-fixture.js'

/** The runs' clock: microbatch windows end here (June 2024 is the current batch). */
const NOW = '2024-06-30T00:00:00.000Z'
const LAPS_1 = `select * from (values
  (1, 1, 1, 91.5, timestamp '2024-06-01 10:00:00'),
  (1, 1, 2, 90.1, timestamp '2024-06-01 10:00:00'),
  (1, 16, 1, 92.0, timestamp '2024-06-01 10:00:00'),
  (2, 1, 1, 80.0, timestamp '2024-06-01 10:00:00')
) t(session_key, driver_number, lap_number, lap_duration, _ingested_at)`
const LAPS_2 = `select * from (values
  (1, 1, 2, 89.9, timestamp '2024-06-02 10:00:00'),
  (1, 16, 2, 91.0, timestamp '2024-06-02 10:00:00'),
  (2, 16, 1, 81.0, timestamp '2024-06-02 10:00:00')
) t(session_key, driver_number, lap_number, lap_duration, _ingested_at)`
const DRIVERS_1 = `select * from (values
  (1, 'Max Verstappen', 'Red Bull', timestamp '2024-06-01 09:00:00'),
  (16, 'Charles Leclerc', 'Ferrari', timestamp '2024-06-01 09:00:00')
) t(driver_number, full_name, team_name, updated_at)`

describe('transform build on Delta', () => {
  it('builds every node of the fixture project and an incremental run equals a full refresh', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await appendBronze(warehouse, 'bronze_laps', LAPS_1)
        await appendBronze(warehouse, 'bronze_drivers', DRIVERS_1)
        const project = fixtureProject()
        expect(project.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        let inFlight = 0
        let maxInFlight = 0
        const first = await executeRun(project, warehouse, {
          command: 'build',
          threads: 2,
          now: NOW,
          onNodeStart: () => {
            inFlight++
            maxInFlight = Math.max(maxInFlight, inFlight)
          },
          onNodeDone: (r) => {
            if (r.thread_id.startsWith('Thread-')) inFlight--
          },
        })
        // --threads bounds the nodes in flight; independent nodes do overlap
        expect(maxInFlight).toBe(2)
        expect(new Set(first.results.map((r) => r.thread_id))).toEqual(
          new Set(['Thread-1', 'Thread-2']),
        )
        const bad = first.results.filter((r) => !['success', 'pass', 'warn'].includes(r.status))
        expect(bad.map((r) => `${r.unique_id}: ${r.status} ${r.message}`)).toEqual([])
        const byId = new Map(first.results.map((r) => [r.unique_id, r]))
        expect(byId.get('seed.pitwall.compounds')?.status).toBe('success')
        expect(byId.get('unit_test.pitwall.fact_laps.fact_laps_ranks_by_duration')?.status).toBe(
          'pass',
        )
        // adapter.dispatch picks duckdb__team_label, which lower-cases: accepted_values passes
        const accepted = first.results.find((r) =>
          r.unique_id.startsWith('test.pitwall.accepted_values_'),
        )
        expect(accepted?.status).toBe('pass')
        expect(first.results.map((r) => `${r.unique_id} ${r.status}`).sort()).toMatchSnapshot()

        // tblproperties and zorder_by are applied after the write, as Delta commits
        const fact = await loadSnapshot(
          new LocalObjectStore(join(home, 'dev_f1_data_analytics', 'gold_analytics', 'fact_laps')),
        )
        expect(fact.metadata.configuration['quality']).toBe('gold')
        expect(fact.version).toBe(2) // create, set properties, optimize (zorder)
        const appended = await loadSnapshot(
          new LocalObjectStore(
            join(home, 'dev_f1_data_analytics', 'silver_clean', 'silver_laps_append'),
          ),
        )
        expect(appended.partitionColumns).toEqual(['session_key'])
        expect(byId.get('model.pitwall.fact_laps')?.message).toMatch(/^OK created table/)

        await appendBronze(warehouse, 'bronze_laps', LAPS_2)
        const second = await executeRun(project, warehouse, {
          command: 'run',
          threads: 2,
          now: NOW,
        })
        expect(second.results.filter((r) => r.status !== 'success').map((r) => r.message)).toEqual(
          [],
        )
        // the rebuild is an overwrite and an OPTIMIZE; properties already set add no commit
        const factAgain = await loadSnapshot(
          new LocalObjectStore(join(home, 'dev_f1_data_analytics', 'gold_analytics', 'fact_laps')),
        )
        expect(factAgain.version).toBe(4)
        expect(factAgain.metadata.configuration['quality']).toBe('gold')
        const strategies = [
          'silver_laps_merge',
          'silver_laps_delins',
          'silver_laps_append',
          'silver_laps_microbatch',
        ]
        const incremental = new Map<string, string[]>()
        for (const m of strategies) {
          incremental.set(m, await tableRows(warehouse, `dev_f1_data_analytics.silver_clean.${m}`))
        }
        expect(incremental.get('silver_laps_merge')).toHaveLength(6)
        expect(incremental.get('silver_laps_append')).toHaveLength(7)
        expect(incremental.get('silver_laps_microbatch')).toHaveLength(7)

        const full = await executeRun(project, warehouse, {
          command: 'run',
          fullRefresh: true,
          now: NOW,
        })
        expect(full.success).toBe(true)
        for (const m of strategies) {
          expect(await tableRows(warehouse, `dev_f1_data_analytics.silver_clean.${m}`)).toEqual(
            incremental.get(m),
          )
        }
      } finally {
        await engine.close()
      }
    })
  })
})
