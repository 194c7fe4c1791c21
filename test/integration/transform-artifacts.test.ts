/**
 * Artifacts and locks that survive crashes (issue 11) and artifacts kept per target (issue 12),
 * through the real `pitwall` CLI on real Delta tables.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { memoryIo, runCli } from '../../src/cli/index.js'
import { acquireBuildLock } from '../../src/transform/index.js'
import { withTmpDir } from '../helpers/tmp.js'
import { openWarehouse } from './transform-fixture.js'

const PROJECT: Record<string, string> = {
  'dbt_project.yml': `name: mini\nprofile: mini\nmodels:\n  mini:\n    +materialized: table\n    +schema: gold_analytics\nsnapshots:\n  mini:\n    +schema: gold_analytics\n`,
  'profiles.yml': `mini:
  target: dev
  outputs:
    dev: { type: local, catalog: dev_c, threads: 1 }
    prod: { type: local, catalog: prod_c, threads: 1 }
`,
  'models/sources.yml': `sources:\n  - name: bronze\n    schema: bronze_raw\n    tables:\n      - name: laps\n`,
  'models/laps.sql': `select session_key, lap from {{ source('bronze', 'laps') }}`,
  'snapshots/laps_snapshot.sql': `{% snapshot laps_snapshot %}
{{ config(strategy='check', unique_key=['session_key', 'lap'], check_cols='all') }}
select * from {{ ref('laps') }}
{% endsnapshot %}`,
}

/** A project folder and a home with dev's bronze loaded (prod's left empty). */
async function setUp(dir: string): Promise<{ project: string; home: string }> {
  const project = join(dir, 'project')
  const home = join(dir, 'home')
  for (const [f, text] of Object.entries(PROJECT)) {
    mkdirSync(dirname(join(project, f)), { recursive: true })
    writeFileSync(join(project, f), text)
  }
  const { engine, warehouse } = await openWarehouse(home)
  await warehouse.write(
    { database: 'dev_c', schema: 'bronze_raw', identifier: 'laps' },
    'select 9550 as session_key, range as lap from range(1, 4)',
    { mode: 'overwrite' },
  )
  await engine.close()
  return { project, home }
}

async function pitwall(project: string, home: string, args: string[]) {
  const io = memoryIo({ env: {} })
  const code = await runCli(
    ['--project-dir', project, '--home', home, '--log-level', 'warn', ...args],
    io,
  )
  return { code, out: io.out(), err: io.err() }
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
const invocationOf = (path: string) =>
  (json(path)['metadata'] as { invocation_id: string }).invocation_id

describe('transform artifacts and locks', () => {
  it('treat torn artifacts as absent (with a warning) and rewrite them whole', async () => {
    await withTmpDir(async (dir) => {
      const { project, home } = await setUp(dir)
      expect((await pitwall(project, home, ['build'])).code).toBe(0)
      const target = join(home, 'target', 'dev')
      for (const name of ['manifest.json', 'run_results.json']) {
        const path = join(target, name)
        const text = readFileSync(path, 'utf8')
        writeFileSync(path, text.slice(0, Math.floor(text.length / 2))) // a kill mid-write
      }
      const again = await pitwall(project, home, ['build'])
      expect(again.err).toContain('run_results.json is not valid JSON')
      expect(again.err).toContain('manifest.json is not valid JSON')
      expect(again.err).not.toContain('bug in pitwall')
      expect(again.code).toBe(0)
      expect(json(join(target, 'run_results.json'))['results']).toHaveLength(2)
      expect(json(join(target, 'manifest.json'))['nodes']).toBeDefined()
    })
  })

  it('take over a snapshot lock left empty by a crash, with a warning', async () => {
    await withTmpDir(async (dir) => {
      const { project, home } = await setUp(dir)
      expect((await pitwall(project, home, ['run'])).code).toBe(0)
      const lock = join(home, '_locks', 'snapshot-dev_c.gold_analytics.laps_snapshot.lock')
      mkdirSync(dirname(lock), { recursive: true })
      writeFileSync(lock, '') // killed between creating the lock and writing its owner
      const r = await pitwall(project, home, ['snapshot'])
      expect(r.err).toContain(`took over the lock ${lock}`)
      expect(r.code).toBe(0)
      expect(existsSync(lock)).toBe(false)
    })
  })

  it('run one build at a time per home: a second refuses while the first holds the lock', async () => {
    await withTmpDir(async (dir) => {
      const { project, home } = await setUp(dir)
      const release = await acquireBuildLock(home, { purpose: 'pitwall build --target dev' })
      const refused = await pitwall(project, home, ['build'])
      expect(refused.code).toBe(1)
      expect(refused.err).toContain(`another pitwall build is running on ${home}`)
      expect(refused.err).toContain(`pitwall build --target dev, pid ${process.pid}`)
      expect(existsSync(join(home, 'target', 'dev', 'manifest.json'))).toBe(false)
      await release()
      // A lock left by a build that crashed is taken over.
      writeFileSync(
        join(home, '_locks', 'build.lock'),
        JSON.stringify({ owner: `${hostname()}:4194303`, since: 'yesterday', purpose: 'build' }),
      )
      const after = await pitwall(project, home, ['build'])
      expect(after.err).toContain('took over the lock')
      expect(after.code).toBe(0)
      expect(existsSync(join(home, '_locks', 'build.lock'))).toBe(false)
    })
  })

  it('keep artifacts per target: prod never overwrites dev, and --state compares with dev', async () => {
    await withTmpDir(async (dir) => {
      const { project, home } = await setUp(dir)
      expect((await pitwall(project, home, ['build'])).code).toBe(0)
      const devResults = join(home, 'target', 'dev', 'run_results.json')
      const devInvocation = invocationOf(devResults)
      const prod = await pitwall(project, home, ['build', '--target', 'prod'])
      // prod has no bronze: the build warns first, then its readers fail for the missing source
      expect(prod.err).toContain("target 'prod' has no source tables yet")
      expect(prod.err).toContain('pitwall load --target prod')
      expect(existsSync(join(home, 'target', 'prod', 'run_results.json'))).toBe(true)
      expect(invocationOf(devResults)).toBe(devInvocation)
      writeFileSync(
        join(project, 'models/laps.sql'),
        `select session_key, lap, 1 as v from {{ source('bronze', 'laps') }}`,
      )
      const ls = await pitwall(project, home, [
        'ls',
        '-s',
        'state:modified',
        '--state',
        join(home, 'target', 'dev'),
        '--output',
        'name',
      ])
      expect(ls.out.trim().split('\n')).toEqual(['laps'])
    })
  })
})
