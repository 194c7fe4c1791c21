/**
 * `adapter.changed_keys` on the Delta warehouse (src/transform/materialize/changed-keys.ts): the
 * keys of the source rows newer than an incremental model's watermark, answered from the Delta
 * log's `pitwall.timestampMax` tags — the same answer as the SQL question, to the microsecond,
 * without opening the files of history (they can be gone from disk and it still answers), and no
 * answer at all (the template's own query) when the log cannot tell.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  executeRun,
  parseProject,
  relationKey,
  type DeltaWarehouse,
  type RelationName,
} from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { openWarehouse } from './transform-fixture.js'

const DB = 'dev_k'
const rel = (schema: string, identifier: string): RelationName => ({
  database: DB,
  schema,
  identifier,
})
const silver = rel('silver_clean', 'events')
const bronze = rel('bronze_raw', 'events')
const mart = rel('gold_analytics', 'mart')

/** A timestamp `us` microseconds after 15:21:03.348123 (all inside one millisecond when small). */
const at = (us: number) => `(timestamptz '2026-12-02 15:21:03.348123+00' + to_microseconds(${us}))`

const q = (r: RelationName) => `${r.database}.${r.schema}.${r.identifier}`

/** The question as SQL: keys of `source` rows newer than the newest `column` of the mart. */
async function sqlAnswer(
  warehouse: DeltaWarehouse,
  source: RelationName,
  column: string,
): Promise<number[]> {
  const r = await warehouse.query(
    `select distinct cast(session_key as bigint) as k from ${q(source)}
     where ${column} > (select coalesce(max(source_ingested_at), timestamptz '1970-01-01 00:00:00+00') from ${q(mart)})
       and session_key is not null order by 1`,
  )
  return r.rows.map((row) => Number(row['k']))
}

const ask = (warehouse: DeltaWarehouse, source: RelationName, column: string) =>
  warehouse.changedKeys({
    watermark: { relation: mart, column: 'source_ingested_at' },
    sources: [{ relation: source, column }],
    key: 'session_key',
  })

/** The data files a table's log lists (paths relative to the table). */
function dataFiles(home: string, r: RelationName): string[] {
  const dir = join(home, r.database, r.schema, r.identifier)
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.parquet'))
}

async function seed(warehouse: DeltaWarehouse): Promise<void> {
  // Sessions 1 and 2 at the watermark, 4 a microsecond before it.
  await warehouse.write(
    silver,
    `select * from (values (1, ${at(0)}), (2, ${at(0)}), (4, ${at(-1)})) v(session_key, ingested_at)`,
    { mode: 'overwrite', partitionBy: ['session_key'] },
  )
  await warehouse.write(
    mart,
    `select session_key, max(ingested_at) as source_ingested_at from ${q(silver)} group by all`,
    { mode: 'overwrite', partitionBy: ['session_key'] },
  )
  // Then session 3 arrives one microsecond past the watermark — the same millisecond, so Delta's
  // max stats cannot tell it from the rest — and session 2 again at the watermark itself.
  await warehouse.write(
    silver,
    `select * from (values (3, ${at(1)}), (2, ${at(0)})) v(session_key, ingested_at)`,
    { mode: 'overwrite', partitionOverwrite: true },
  )
  await warehouse.write(
    bronze,
    `select * from (values (1, ${at(0)}), (2, ${at(-5)})) v(session_key, _ingestion_timestamp)`,
    { mode: 'overwrite' },
  )
  await warehouse.write(
    bronze,
    `select * from (values (5, ${at(2)}), (1, ${at(0)}), (null, ${at(5)})) v(session_key, _ingestion_timestamp)`,
    { mode: 'append' },
  )
}

describe('adapter.changed_keys on Delta', () => {
  it('answers as the SQL does, to the microsecond, without reading the files of history', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await seed(warehouse)
        expect(await sqlAnswer(warehouse, silver, 'ingested_at')).toEqual([3])
        expect(await ask(warehouse, silver, 'ingested_at')).toEqual([3])
        expect(await sqlAnswer(warehouse, bronze, '_ingestion_timestamp')).toEqual([5])
        expect(await ask(warehouse, bronze, '_ingestion_timestamp')).toEqual([5])

        // The files that cannot hold a newer row go missing behind the log: the SQL cannot run
        // any more, the log still answers (it never opened them).
        const silverDir = join(home, DB, 'silver_clean', 'events')
        for (const f of dataFiles(home, silver))
          if (!f.startsWith('session_key=3')) rmSync(join(silverDir, f))
        const bronzeDir = join(home, DB, 'bronze_raw', 'events')
        const bronzeFiles = dataFiles(home, bronze)
        expect(bronzeFiles).toHaveLength(2)
        for (const f of bronzeFiles) {
          const rows = await warehouse.query(
            `select count(*) as n from read_parquet('${join(bronzeDir, f)}') where session_key = 5`,
          )
          if (Number(rows.rows[0]?.['n']) === 0) rmSync(join(bronzeDir, f))
        }
        await expect(sqlAnswer(warehouse, silver, 'ingested_at')).rejects.toThrow()
        await expect(sqlAnswer(warehouse, bronze, '_ingestion_timestamp')).rejects.toThrow()
        expect(await ask(warehouse, silver, 'ingested_at')).toEqual([3])
        expect(await ask(warehouse, bronze, '_ingestion_timestamp')).toEqual([5])
      } finally {
        await engine.close()
      }
    })
  })

  it('gives no answer when a watermark file lacks the tag (another writer), and every key for an empty model', async () => {
    await withTmpDir(async (home) => {
      const first = await openWarehouse(home)
      try {
        await seed(first.warehouse)
      } finally {
        await first.engine.close()
      }
      // The mart's files as another writer leaves them: no pitwall.timestampMax tag.
      const log = join(home, DB, 'gold_analytics', 'mart', '_delta_log')
      for (const f of readdirSync(log).filter((x) => x.endsWith('.json'))) {
        const lines = readFileSync(join(log, f), 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => {
            const a = JSON.parse(l) as { add?: { tags?: Record<string, string> } }
            delete a.add?.tags?.['pitwall.timestampMax']
            return JSON.stringify(a)
          })
        writeFileSync(join(log, f), `${lines.join('\n')}\n`)
      }
      const { engine, warehouse } = await openWarehouse(home)
      try {
        expect(await ask(warehouse, silver, 'ingested_at')).toBeUndefined()
        // A model with no rows yet: its watermark is the epoch, every session is new.
        await warehouse.write(
          mart,
          `select 1::bigint as session_key, ${at(0)} as source_ingested_at where false`,
          { mode: 'overwrite', partitionBy: ['session_key'] },
        )
        expect(await sqlAnswer(warehouse, silver, 'ingested_at')).toEqual([1, 2, 3, 4])
        expect(await ask(warehouse, silver, 'ingested_at')).toEqual([1, 2, 3, 4])
      } finally {
        await engine.close()
      }
    })
  })

  it('reaches a model through the render: the keys come back as a literal list', async () => {
    await withTmpDir(async (home) => {
      const { engine, warehouse } = await openWarehouse(home)
      try {
        await seed(warehouse)
        const project = parseProject({
          'dbt_project.yml':
            'name: keys\nprofile: keys\nmodels:\n  keys:\n    +schema: gold_analytics\n',
          'profiles.yml': `keys:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: ${DB}, threads: 1 }\n`,
          'models/sources.yml':
            'sources:\n  - name: silver\n    schema: silver_clean\n    tables:\n      - name: events\n',
          'models/mart.sql': `{{ config(materialized='incremental', incremental_strategy='delete+insert',
    unique_key='session_key', partition_by=['session_key']) }}
{% set keys = adapter.changed_keys(this, 'source_ingested_at', [[source('silver', 'events'), 'ingested_at']]) if is_incremental() else none %}
select session_key, max(ingested_at) as source_ingested_at from {{ source('silver', 'events') }}
{% if keys is not none %}where session_key in ({{ (keys | join(', ')) or 'null' }}){% endif %}
group by all`,
        })
        expect(project.diagnostics).toEqual([])
        const o = await executeRun(project, warehouse, {
          command: 'run',
          relations: new Set([relationKey(DB, 'silver_clean', 'events')]),
        })
        const r = o.results[0]!
        expect(r.status).toBe('success')
        expect(r.compiled_code).toMatch(/where session_key in \(3\)/)
        const rows = await warehouse.query(`select session_key from ${q(mart)} order by 1`)
        expect(rows.rows.map((x) => Number(x['session_key']))).toEqual([1, 2, 3, 4])
      } finally {
        await engine.close()
      }
    })
  })
})
