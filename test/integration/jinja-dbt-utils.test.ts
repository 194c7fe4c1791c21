/**
 * dbt_utils' own macros (../shared/dbt-projects/dbt-utils, read in place) rendered by pitwall's
 * template engine and run in DuckDB, with the warehouse answering introspection (star,
 * get_column_values, union_relations, date_spine's statement) through the execution hooks.
 * Expected values are computed by DuckDB from the same rows, not written by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { DuckDbEngine } from '../../src/engine/index.js'
import { BUILTIN_MACRO_FILES } from '../../src/transform/template/builtin-macros.js'
import { Relation } from '../../src/transform/template/relation.js'
import type { RenderScope } from '../../src/transform/template/render-scope.js'
import { TemplateEngine, type MacroFile } from '../../src/transform/template/template-engine.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'
import { renderWithWarehouse } from './jinja-warehouse-hooks.js'

const SUB = join('dbt-projects', 'dbt-utils', 'macros')

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.sql') ? [p] : []
  })
}

describeShared(SUB, 'dbt_utils macros on DuckDB', () => {
  let duck: DuckDbEngine
  let engine: TemplateEngine
  let files: MacroFile[]

  beforeAll(async () => {
    const root = sharedPath(SUB)
    files = walk(root).map((p) => ({
      file: `dbt_packages/dbt_utils/macros/${relative(root, p)}`,
      text: readFileSync(p, 'utf8'),
      packageName: 'dbt_utils',
    }))
    engine = new TemplateEngine({
      macroFiles: [...BUILTIN_MACRO_FILES, ...files],
      projectName: 'proj',
      vars: {},
      env: {},
      target: { schema: 'main', database: 'memory' },
      adapterType: 'duckdb',
    })
    duck = await DuckDbEngine.create()
    await duck.run(`create table laps as select * from (values
      (1, 'VER', 91.5, 'https://f1.com/a?lap=1'), (2, 'HAM', 92.25, 'http://www.f1.com/b/c?lap=2'),
      (3, 'VER', 90.75, null), (4, 'LEC', null, 'https://f1.com')) t(lap, driver, secs, url)`)
    await duck.run(
      `create table pits as select * from (values (1, 'VER', 2.4)) t(lap, driver, stop_secs)`,
    )
    await duck.run(`create table stints as select * from (values
      (1, 'VER', 'soft'), (2, 'HAM', 'hard'), (3, 'VER', 'medium'), (4, 'LEC', 'soft')) t(lap, driver, tyre)`)
  }, 60_000)

  afterAll(async () => {
    await duck?.close()
  })

  const scope: RenderScope = {
    ref: (n) => new Relation('memory', 'main', String(n)),
    source: (s, t) => new Relation('memory', String(s), String(t)),
    config: () => '',
    configGet: (_k, d) => d,
    self: new Relation('memory', 'main', 'me'),
    isIncremental: () => false,
    model: {},
    execute: true,
  }

  const render = async (text: string): Promise<string> =>
    (await renderWithWarehouse(duck, engine, text, scope)).sql

  it('loads every macro file of the package without a diagnostic', () => {
    expect(files.length).toBeGreaterThan(40)
    expect(engine.diagnostics).toEqual([])
    expect(engine.macro('star', 'dbt_utils')).toBeDefined()
    expect(engine.macro('_is_relation', 'dbt_utils')).toBeDefined()
  })

  it('generate_surrogate_key hashes as dbt_utils documents it', async () => {
    const sql = await render(
      `select lap, {{ dbt_utils.generate_surrogate_key(['driver', 'secs']) }} as k from laps order by lap`,
    )
    const expected = await duck.all(`select lap, md5(cast(
      coalesce(cast(driver as varchar), '_dbt_utils_surrogate_key_null_') || '-' ||
      coalesce(cast(secs as varchar), '_dbt_utils_surrogate_key_null_') as varchar)) as k
      from laps order by lap`)
    expect(await duck.all(sql)).toEqual(expected)
  })

  it('star lists the columns of a relation, minus the excepted ones, with a prefix', async () => {
    const sql = await render(
      `select {{ dbt_utils.star(from=ref('laps'), except=['url'], prefix='l_') }} from laps order by lap`,
    )
    expect(sql).toContain('"lap" as "l_lap"')
    const rows = await duck.all(sql)
    expect(Object.keys(rows[0]!)).toEqual(['l_lap', 'l_driver', 'l_secs'])
    expect(rows).toHaveLength(4)
  })

  it('get_column_values and pivot turn a column into one column per value', async () => {
    const sql = await render(`
{%- set drivers = dbt_utils.get_column_values(ref('laps'), 'driver', order_by='driver') -%}
select {{ dbt_utils.pivot('driver', drivers) }} from laps`)
    const expected = await duck.all(
      `select count(*) filter (driver = 'HAM') as HAM, count(*) filter (driver = 'LEC') as LEC,
        count(*) filter (driver = 'VER') as VER from laps`,
    )
    expect(await duck.all(sql)).toEqual(expected)
  })

  it('date_spine generates one row per day between the bounds', async () => {
    const sql = await render(
      `{{ dbt_utils.date_spine('day', "cast('2024-02-27' as date)", "cast('2024-03-02' as date)") }}`,
    )
    const rows = await duck.all(`select cast(date_day as date) as d from (${sql}) order by d`)
    const expected = await duck.all(
      `select cast(d as date) as d from range(date '2024-02-27', date '2024-03-02', interval 1 day) t(d)`,
    )
    expect(rows).toEqual(expected)
    expect(rows).toHaveLength(4)
  })

  it('union_relations aligns columns across relations', async () => {
    const sql = await render(
      `{{ dbt_utils.union_relations(relations=[ref('laps'), ref('pits')]) }}`,
    )
    const rows = await duck.all(
      `select _dbt_source_relation, lap, driver, secs, stop_secs from (${sql}) order by lap, stop_secs nulls first`,
    )
    expect(rows).toHaveLength(5)
    expect(rows.filter((r) => r['stop_secs'] !== null)).toEqual([
      {
        _dbt_source_relation: '"memory"."main"."pits"',
        lap: 1,
        driver: 'VER',
        secs: null,
        stop_secs: 2.4,
      },
    ])
  })

  it('deduplicate, safe arithmetic, url parsing and width_bucket run as written', async () => {
    const sql = await render(`
with d as (
  select s.lap, s.driver, l.secs, l.url
  from ({{ dbt_utils.deduplicate(ref('stints'), partition_by='driver', order_by='lap desc') }}) s
  join laps l using (lap)
)
select driver, lap,
  {{ dbt_utils.safe_add(['lap', 'secs']) }} as added,
  {{ dbt_utils.safe_divide('secs', 'lap - 1') }} as divided,
  {{ dbt_utils.get_url_host('url') }} as host,
  {{ dbt_utils.get_url_parameter('url', 'lap') }} as lap_param,
  {{ dbt_utils.width_bucket('lap', 0, 4, 2) }} as bucket
from d order by driver`)
    const rows = await duck.all(sql)
    expect(rows.map((r) => [r['driver'], r['lap']])).toEqual([
      ['HAM', 2],
      ['LEC', 4],
      ['VER', 3],
    ])
    const ham = rows[0]!
    expect(ham['added']).toBe(94.25)
    expect(ham['divided']).toBe(92.25)
    expect(ham['host']).toBe('www.f1.com')
    expect(ham['lap_param']).toBe('2')
    expect(rows[2]!['divided']).toBe(45.375)
  })

  it('slugify and pretty_time use modules.re and modules.datetime', async () => {
    expect(await render(`{{ dbt_utils.slugify('Max Verstappen - 2024') }}`)).toBe(
      'max_verstappen_2024',
    )
    expect(await render(`{{ dbt_utils.pretty_time('%Y') | length }}`)).toBe('4')
  })
})
