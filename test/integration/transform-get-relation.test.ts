/**
 * Through the CLI: `pitwall compile` and `pitwall build` answer `adapter.get_relation` from the
 * tables that exist under `--home` (the catalog registry), so a model guarding a source that was
 * never loaded builds (from its fallback) instead of failing, and reads the source once it exists;
 * a second `pitwall build` reports it up to date.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { FIXTURE, appendBronze, openWarehouse } from './transform-fixture.js'

const GUARDED: Record<string, string> = {
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

async function pitwall(project: string, home: string, args: string[]) {
  const io = memoryIo({ env: {} })
  const code = await runCli(
    ['--project-dir', project, '--home', home, '--log-level', 'error', ...args],
    io,
  )
  return { code, out: io.out(), err: io.err() }
}

type Results = { results: { unique_id: string; status: string; message: string | null }[] }

describe('adapter.get_relation through the CLI', () => {
  it('compiles and builds a guarded missing source, then reads it once loaded', async () => {
    await withTmpDir(async (dir) => {
      const project = join(dir, 'project')
      const home = join(dir, 'home')
      for (const [f, text] of Object.entries({ ...FIXTURE, ...GUARDED })) {
        mkdirSync(dirname(join(project, f)), { recursive: true })
        writeFileSync(join(project, f), text)
      }
      const before = await pitwall(project, home, ['compile', '-s', 'pit_count'])
      expect(before.code).toBe(0)
      expect(before.out.trim()).toBe('select cast(0 as bigint) as n')
      const build = await pitwall(project, home, ['build', '-s', 'pit_count', '--json'])
      expect(build.code).toBe(0)
      const first = (JSON.parse(build.out) as Results).results
      expect(first.map((r) => [r.unique_id, r.status])).toEqual([
        ['model.pitwall.pit_count', 'success'],
      ])

      const { engine, warehouse } = await openWarehouse(home)
      await appendBronze(warehouse, 'bronze_pit', 'select 7 as lap_number')
      await engine.close()
      const after = await pitwall(project, home, ['compile', '-s', 'pit_count'])
      expect(after.out.trim()).toBe(
        'select count(*) as n from "dev_f1_data_analytics"."bronze_raw"."bronze_pit"',
      )
      const rebuilt = await pitwall(project, home, ['build', '-s', 'pit_count', '--json'])
      expect((JSON.parse(rebuilt.out) as Results).results[0]?.message).toMatch(/^OK created table/)
      const again = await pitwall(project, home, ['build', '-s', 'pit_count', '--json'])
      expect(again.code).toBe(0)
      const last = (JSON.parse(again.out) as Results).results[0]
      expect(last?.status).toBe('success')
      expect(last?.message).toMatch(/^up to date: inputs unchanged/)
    })
  })
})
