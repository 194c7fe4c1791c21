/**
 * Per-session incremental marts (issue 16): `delete+insert` on the table's partition column
 * replaces only the partitions of the sessions in the batch — one commit, no file of another
 * session read or rewritten — and `incremental_predicates` narrow what a `delete+insert` deletes.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  executeRun,
  parseProject,
  relationKey,
  type DeltaWarehouse,
} from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { openWarehouse } from './transform-fixture.js'

const DB = 'dev_c'
const FILES: Record<string, string> = {
  'dbt_project.yml':
    'name: marts\nprofile: marts\nmodels:\n  marts:\n    +schema: gold_analytics\n',
  'profiles.yml': `marts:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: ${DB}, threads: 1 }\n`,
  'models/sources.yml': `sources:\n  - name: bronze\n    schema: bronze_raw\n    tables:\n      - name: laps\n`,
  // One row per session and driver, rebuilt for every session that has new laps.
  'models/session_summary.sql': `{{ config(materialized='incremental', incremental_strategy='delete+insert',
    unique_key='session_key', partition_by=['session_key']) }}
select session_key, driver, count(*) as laps, min(t) as best, max(_ingested_at) as loaded_at
from {{ source('bronze', 'laps') }}
{% if is_incremental() %}
where session_key in (select session_key from {{ source('bronze', 'laps') }}
  where _ingested_at > (select max(loaded_at) from {{ this }}))
{% endif %}
group by all`,
  // The same, keyed by session and driver, with a predicate that protects sessions before 2.
  'models/guarded_summary.sql': `{{ config(materialized='incremental', incremental_strategy='delete+insert',
    unique_key=['session_key', 'driver'], incremental_predicates=['DBT_INTERNAL_DEST.session_key >= 2']) }}
select session_key, driver, count(*) as laps, max(_ingested_at) as loaded_at
from {{ source('bronze', 'laps') }}
{% if is_incremental() %}
where _ingested_at > (select max(loaded_at) from {{ this }})
{% endif %}
group by all`,
}

const laps = (rows: string) =>
  `select * from (values ${rows}) t(session_key, driver, lap, t, _ingested_at)`

/** The adds and removes of a table's latest commit. */
function lastCommit(home: string, table: string): { adds: string[]; removes: string[] } {
  const log = join(home, DB, 'gold_analytics', table, '_delta_log')
  const last = readdirSync(log)
    .filter((f) => /^\d{20}\.json$/.test(f))
    .sort()
    .pop()!
  const actions = readFileSync(join(log, last), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { add?: { path: string }; remove?: { path: string } })
  return {
    adds: actions.flatMap((a) => (a.add === undefined ? [] : [decodeURIComponent(a.add.path)])),
    removes: actions.flatMap((a) =>
      a.remove === undefined ? [] : [decodeURIComponent(a.remove.path)],
    ),
  }
}

async function rows(warehouse: DeltaWarehouse, table: string): Promise<string[]> {
  const r = await warehouse.query(
    `select session_key, driver, laps from ${DB}.gold_analytics.${table} order by all`,
  )
  return r.rows.map(
    (x) => `${String(x['session_key'])}/${String(x['driver'])}:${String(x['laps'])}`,
  )
}

describe('per-session incremental marts', () => {
  it('replace only the partitions of the sessions in the batch, in one commit', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        const bronze = { database: DB, schema: 'bronze_raw', identifier: 'laps' }
        const project = parseProject(FILES)
        expect(project.diagnostics).toEqual([])
        const run = async () => {
          const o = await executeRun(project, warehouse, {
            command: 'run',
            relations: new Set([relationKey(DB, 'bronze_raw', 'laps')]),
          })
          expect(o.results.filter((r) => r.status !== 'success')).toEqual([])
          return new Map(o.results.map((r) => [r.unique_id.split('.').pop()!, r.message]))
        }
        await warehouse.write(
          bronze,
          laps(`(1, 44, 1, 91.0, timestamp '2024-06-01'), (1, 44, 2, 90.0, timestamp '2024-06-01'),
                (2, 44, 1, 95.0, timestamp '2024-06-08'), (2, 16, 1, 96.0, timestamp '2024-06-08')`),
          { mode: 'append' },
        )
        await run()
        const summary = { ...bronze, schema: 'gold_analytics', identifier: 'session_summary' }
        const before = await warehouse.version(summary)
        // Session 2 gets a late lap; session 3 arrives.
        await warehouse.write(
          bronze,
          laps(`(2, 16, 2, 94.0, timestamp '2024-06-15'), (3, 1, 1, 80.0, timestamp '2024-06-15'),
                (1, 44, 3, 89.0, timestamp '2024-06-15')`),
          { mode: 'append' },
        )
        const second = await run()
        expect(second.get('session_summary')).toMatch(/^OK delete\+insert: replaced the partitions/)
        expect(await rows(warehouse, 'session_summary')).toEqual([
          '1/44:3',
          '2/16:2',
          '2/44:1',
          '3/1:1',
        ])
        // One commit, touching only the partitions of sessions 1, 2 and 3 that the batch holds
        const after = await warehouse.version(summary)
        expect(after).toBe((before as number) + 1)
        const commit = lastCommit(home, 'session_summary')
        expect(commit.removes.length).toBeGreaterThan(0)
        for (const path of [...commit.adds, ...commit.removes])
          expect(path).toMatch(/^session_key=(1|2|3)\//)

        // A batch of session 3 only leaves sessions 1 and 2 alone.
        await warehouse.write(bronze, laps(`(3, 1, 2, 79.0, timestamp '2024-06-22')`), {
          mode: 'append',
        })
        await run()
        const only3 = lastCommit(home, 'session_summary')
        for (const path of [...only3.adds, ...only3.removes])
          expect(path).toMatch(/^session_key=3\//)
        expect(await rows(warehouse, 'session_summary')).toContain('3/1:2')

        // A lap that arrives with an old ingestion time: bronze changed, but the batch is empty,
        // so nothing is committed.
        await warehouse.write(bronze, laps(`(3, 1, 3, 78.0, timestamp '2024-06-01')`), {
          mode: 'append',
        })
        const version = await warehouse.version(summary)
        expect((await run()).get('session_summary')).toBe('OK no new rows (nothing written)')
        expect(await warehouse.version(summary)).toBe(version)

        // incremental_predicates: the key (1, 44) came again, but session 1 is protected, so its
        // old row stays beside the new one (dbt's semantics); session 2's key was replaced.
        const guarded = await rows(warehouse, 'guarded_summary')
        expect(guarded.filter((r) => r.startsWith('1/44:'))).toEqual(['1/44:1', '1/44:2'])
        expect(guarded.filter((r) => r.startsWith('2/16:'))).toEqual(['2/16:1'])
      } finally {
        await engine.close()
      }
    })
  })

  it('fail the model on a NULL key and commit nothing', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        const bronze = { database: DB, schema: 'bronze_raw', identifier: 'laps' }
        const mart = { ...bronze, schema: 'gold_analytics', identifier: 'every_lap' }
        const project = parseProject({
          ...FILES,
          'models/every_lap.sql': `{{ config(materialized='incremental', incremental_strategy='delete+insert',
    unique_key='session_key', partition_by=['session_key']) }}
select session_key, driver, lap from {{ source('bronze', 'laps') }}`,
        })
        const run = async () =>
          (
            await executeRun(project, warehouse, {
              command: 'run',
              select: ['every_lap'],
              relations: new Set([relationKey(DB, 'bronze_raw', 'laps')]),
            })
          ).results[0]!
        await warehouse.write(bronze, laps(`(1, 44, 1, 91.0, timestamp '2024-06-01')`), {
          mode: 'append',
        })
        expect((await run()).status).toBe('success')
        const version = await warehouse.version(mart)
        await warehouse.write(
          bronze,
          laps(
            `(2, 44, 1, 91.0, timestamp '2024-06-08'), (null, 16, 1, 92.0, timestamp '2024-06-08')`,
          ),
          { mode: 'append' },
        )
        const failed = await run()
        expect(failed.status).toBe('error')
        expect(failed.message).toMatch(
          /1 new row\(s\) of every_lap have a NULL in the unique_key \(session_key\)/,
        )
        expect(await warehouse.version(mart)).toBe(version)
        const kept = await warehouse.query(
          `select session_key, lap from ${DB}.gold_analytics.every_lap`,
        )
        expect(kept.rows).toEqual([{ session_key: 1, lap: 1 }])
      } finally {
        await engine.close()
      }
    })
  })
})
