import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { FIXTURE, appendBronze, openWarehouse } from './transform-fixture.js'

async function pitwall(project: string, home: string, args: string[]) {
  const io = memoryIo({ env: {} })
  const code = await runCli(
    ['--project-dir', project, '--home', home, '--log-level', 'error', ...args],
    io,
  )
  return { code, out: io.out(), err: io.err() }
}

describe('pitwall transformation commands', () => {
  it('build, ls, compile, docs generate and source freshness write dbt-shaped artifacts', async () => {
    await withTmpDir(async (dir) => {
      const project = join(dir, 'project')
      const home = join(dir, 'home')
      for (const [f, text] of Object.entries(FIXTURE)) {
        mkdirSync(dirname(join(project, f)), { recursive: true })
        writeFileSync(join(project, f), text)
      }
      const { engine, warehouse } = await openWarehouse(home)
      await appendBronze(
        warehouse,
        'bronze_laps',
        `select 1 as session_key, 1 as driver_number, 1 as lap_number, 90.5 as lap_duration, now()::timestamp as _ingested_at`,
      )
      await appendBronze(
        warehouse,
        'bronze_drivers',
        `select 1 as driver_number, 'Max' as full_name, 'Red Bull' as team_name, timestamp '2024-01-01' as updated_at`,
      )
      await engine.close()

      const build = await pitwall(project, home, ['build', '--json', '--threads', '2'])
      expect(build.err).toBe('')
      expect(build.code).toBe(0)
      const out = JSON.parse(build.out) as {
        success: boolean
        results: { unique_id: string; status: string }[]
      }
      expect(out.success).toBe(true)

      const manifest = JSON.parse(
        readFileSync(join(home, 'target', 'dev', 'manifest.json'), 'utf8'),
      ) as Record<string, unknown>
      expect(Object.keys(manifest).sort()).toEqual([
        'child_map',
        'disabled',
        'docs',
        'exposures',
        'group_map',
        'groups',
        'macros',
        'metadata',
        'metrics',
        'nodes',
        'parent_map',
        'saved_queries',
        'selectors',
        'semantic_models',
        'sources',
        'unit_tests',
      ])
      const nodes = manifest['nodes'] as Record<string, Record<string, unknown>>
      expect(nodes['test.pitwall.not_null_fact_laps_lap_number.cb835ec288']).toMatchObject({
        resource_type: 'test',
        column_name: 'lap_number',
        attached_node: 'model.pitwall.fact_laps',
        test_metadata: { name: 'not_null', namespace: null },
        depends_on: { nodes: ['model.pitwall.fact_laps'] },
      })
      expect(nodes['model.pitwall.fact_laps']).toMatchObject({
        relation_name: '"dev_f1_data_analytics"."gold_analytics"."fact_laps"',
        config: { materialized: 'table' },
      })
      expect(
        (manifest['child_map'] as Record<string, string[]>)['source.pitwall.bronze.bronze_laps'],
      ).toContain('model.pitwall.stg_laps')
      const runResults = JSON.parse(
        readFileSync(join(home, 'target', 'dev', 'run_results.json'), 'utf8'),
      ) as {
        metadata: { dbt_schema_version: string }
        results: { unique_id: string; status: string }[]
      }
      expect(runResults.metadata.dbt_schema_version).toBe(
        'https://schemas.getdbt.com/dbt/run-results/v6.json',
      )
      expect(
        runResults.results.find(
          (r) => r.unique_id === 'test.pitwall.not_null_fact_laps_lap_number.cb835ec288',
        )?.status,
      ).toBe('pass')

      const ls = await pitwall(project, home, [
        'ls',
        '-s',
        '+fact_laps',
        '--resource-type',
        'model',
        '--output',
        'name',
      ])
      expect(ls.out.trim().split('\n').sort()).toEqual([
        'fact_laps',
        'silver_drivers',
        'silver_laps_merge',
        'stg_laps',
      ])

      const compile = await pitwall(project, home, [
        'compile',
        '-s',
        'silver_laps_merge',
        '--incremental',
      ])
      expect(compile.code).toBe(0)
      expect(compile.out).toContain('with "__dbt__cte__stg_laps" as (')
      expect(compile.out).toContain(
        'where _ingested_at > (select max(_ingested_at) from "dev_f1_data_analytics"."silver_clean"."silver_laps_merge")',
      )

      // state:modified against the manifest of the build: only the changed model and its children
      const state = join(dir, 'state')
      mkdirSync(state)
      writeFileSync(
        join(state, 'manifest.json'),
        readFileSync(join(home, 'target', 'dev', 'manifest.json')),
      )
      writeFileSync(
        join(project, 'models/gold/fastest_laps.sql'),
        `{{ config(materialized='view') }}\nselect session_key, max(lap_seconds) as slowest from {{ ref('fact_laps') }} group by session_key\n`,
      )
      const modified = await pitwall(project, home, [
        'ls',
        '-s',
        'state:modified+',
        '--state',
        state,
        '--output',
        'name',
      ])
      expect(modified.out.trim()).toBe('fastest_laps')

      const docs = await pitwall(project, home, ['docs', 'generate'])
      expect(docs.code).toBe(0)
      const html = readFileSync(join(home, 'target', 'dev', 'index.html'), 'utf8')
      expect(html).toContain('<svg')
      expect(html).toContain('One row per lap with its rank.')
      expect(html).toContain('id="model.pitwall.fact_laps"')
      const catalog = JSON.parse(
        readFileSync(join(home, 'target', 'dev', 'catalog.json'), 'utf8'),
      ) as {
        nodes: Record<string, { columns: Record<string, { type: string }> }>
      }
      expect(catalog.nodes['model.pitwall.fact_laps']?.columns['lap_seconds']?.type).toMatch(
        /^DECIMAL\(/,
      )

      // docs serve: the site over HTTP on 127.0.0.1 until interrupted
      const io = memoryIo({ env: {} })
      const serving = runCli(
        ['--project-dir', project, '--home', home, 'docs', 'serve', '--port', '0'],
        io,
      )
      let url: string | undefined
      for (let i = 0; i < 100 && url === undefined; i++) {
        url = /http:\/\/127\.0\.0\.1:\d+\//.exec(io.out())?.[0]
        if (url === undefined) await new Promise((r) => setTimeout(r, 50))
      }
      expect(url).toBeDefined()
      const page = await fetch(url!)
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('id="lineage"')
      expect((await fetch(`${url!}manifest.json`)).status).toBe(200)
      expect((await fetch(`${url!}..%2F..%2Fetc%2Fpasswd`)).status).not.toBe(200)
      process.emit('SIGINT')
      expect(await serving).toBe(0)

      const fresh = await pitwall(project, home, ['source', 'freshness', '--json'])
      expect(fresh.code).toBe(0)
      const sources = JSON.parse(fresh.out) as { results: { unique_id: string; status: string }[] }
      expect(sources.results).toEqual([
        expect.objectContaining({ unique_id: 'source.pitwall.bronze.bronze_laps', status: 'pass' }),
      ])
      expect(existsSync(join(home, 'target', 'dev', 'sources.json'))).toBe(true)

      // A project with errors runs nothing: exit 2, each problem with file:line:col.
      writeFileSync(
        join(project, 'models/gold/typo.sql'),
        'select 1\nfrom {{ ref("no_such_model") }}\n',
      )
      const invalid = await pitwall(project, home, ['build'])
      expect(invalid.code).toBe(2)
      expect(invalid.err).toContain(
        "models/gold/typo.sql:2:13: error: model 'typo' refers to 'no_such_model'",
      )
      rmSync(join(project, 'models/gold/typo.sql'))

      // A failing run exits 1 and names the failure.
      writeFileSync(
        join(project, 'models/gold/broken.sql'),
        'select no_such_column from {{ ref("fact_laps") }}\n',
      )
      const broken = await pitwall(project, home, ['run', '-s', 'broken'])
      expect(broken.code).toBe(1)
      expect(broken.out).toContain('ERROR in model.pitwall.broken (models/gold/broken.sql)')
      expect(broken.out).toContain('no_such_column')
      expect(broken.out).toContain('compiled SQL:')
      expect(broken.out).toContain(
        '   1 | select no_such_column from "dev_f1_data_analytics"."gold_analytics"."fact_laps"',
      )
    })
  })
})
