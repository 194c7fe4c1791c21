import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors.js'
import { resolveConfig } from './resolve-config.js'

const PROJECT = `name: pitwall\nprofile: pitwall\nconfig-version: 2\n`
const PROFILES = `pitwall:
  target: dev
  outputs:
    dev:
      type: local
      catalog: dev_f1_data_analytics
    prod:
      type: local
      catalog: prod_f1_data_analytics
`

function resolve(profiles: string, target?: string, project = PROJECT) {
  return resolveConfig({
    project: { file: 'dbt_project.yml', text: project },
    profiles: { file: 'profiles.yml', text: profiles },
    ...(target === undefined ? {} : { target }),
  })
}

function diagnosticsOf(fn: () => unknown) {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError)
    return (e as ConfigError).diagnostics
  }
  throw new Error('expected a ConfigError')
}

describe('resolveConfig', () => {
  it('picks the profile default target and applies defaults', () => {
    const c = resolve(PROFILES)
    expect(c.targetName).toBe('dev')
    expect(c.output).toMatchObject({ type: 'local', catalog: 'dev_f1_data_analytics', threads: 4 })
    expect(c.project['model-paths']).toEqual(['models'])
  })

  it('honours an explicit target', () => {
    expect(resolve(PROFILES, 'prod').output.catalog).toBe('prod_f1_data_analytics')
  })

  it('names the missing target and the available ones', () => {
    const [d] = diagnosticsOf(() => resolve(PROFILES, 'stage'))
    expect(d?.message).toContain("target 'stage'")
    expect(d?.message).toContain('dev, prod')
    expect(d?.file).toBe('profiles.yml')
    expect(d?.at?.line).toBe(3)
  })

  it('reports every invalid value of the selected output with its line', () => {
    const bad = PROFILES.replace(
      'type: local\n      catalog: dev_f1_data_analytics',
      'type: local\n      catalog: Dev Catalog\n      threads: 0',
    )
    const ds = diagnosticsOf(() => resolve(bad))
    expect(ds.map((d) => [d.file, d.at?.line])).toEqual([
      ['profiles.yml', 6],
      ['profiles.yml', 7],
    ])
    expect(ds[0]?.message).toContain('pitwall.outputs.dev.catalog')
  })

  it('validates only the selected target, as dbt: other outputs may be of any type', () => {
    const mixed = `${PROFILES}    ci:\n      type: postgres\n      host: "{{ env_var('PG_HOST') }}"\n    bad:\n      type: lokal\n`
    const c = resolve(mixed)
    expect(c.output.catalog).toBe('dev_f1_data_analytics')
    expect(Object.keys(c.outputs)).toEqual(['dev', 'prod'])
    const ds = diagnosticsOf(() => resolve(mixed, 'bad'))
    expect(ds.map((d) => d.message)).toEqual([
      "pitwall.outputs.bad.type: pitwall runs outputs of type local, duckdb, databricks (target 'bad' is type lokal); choose another target with --target, or add a type: duckdb output",
    ])
    expect(ds[0]?.at?.line).toBe(14)
    const [pg] = diagnosticsOf(() => resolve(mixed, 'ci'))
    expect(pg?.message).toContain('pitwall runs outputs of type local, duckdb, databricks')
    expect(pg?.message).toContain("target 'ci' is type postgres")
    expect(pg?.at?.line).toBe(11)
  })

  it("reads dbt-duckdb's output: database from the path's stem, schema main, threads 1", () => {
    const duck = `jaffle_shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: 'data/jaffle_shop.duckdb'\n      threads: 24\n      extensions: [httpfs, parquet]\n      settings: {memory_limit: 1GB}\n      attach: [{path: other.duckdb}]\n    mem:\n      type: duckdb\n`
    const project = 'name: jaffle_shop\nprofile: jaffle_shop\n'
    const c = resolve(duck, undefined, project)
    expect(c.output).toMatchObject({
      type: 'duckdb',
      catalog: 'jaffle_shop',
      schema: 'main',
      threads: 24,
      extensions: ['httpfs', 'parquet'],
      settings: { memory_limit: '1GB' },
    })
    expect(resolve(duck, 'mem', project).output).toMatchObject({
      catalog: 'memory',
      schema: 'main',
      threads: 1,
    })
  })

  it('renders env_var() in the selected output, as dbt renders profiles.yml', () => {
    const duck = `p:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: "{{ env_var('DB_FILE') }}"\n      threads: "{{ env_var('THREADS', 2) | int }}"\n      schema: "{{ env_var('SCHEMA', 'analytics') }}"\n`
    const render = (env: Record<string, string>) =>
      resolveConfig({
        project: { file: 'dbt_project.yml', text: 'name: p\n' },
        profiles: { file: 'profiles.yml', text: duck },
        env,
      })
    expect(render({ DB_FILE: 'warehouse.duckdb', THREADS: '6' }).output).toMatchObject({
      catalog: 'warehouse',
      threads: 6,
      schema: 'analytics',
    })
    const [d] = diagnosticsOf(() => render({}))
    expect(d?.message).toContain("env_var('DB_FILE') is not set")
    expect(d?.at?.line).toBe(4)
  })

  it('words type mistakes and missing keys plainly', () => {
    const ds = diagnosticsOf(() =>
      resolve(PROFILES.replace('catalog: dev_f1_data_analytics', 'threads: many')),
    )
    const messages = ds.map((d) => d.message)
    expect(messages).toContain('pitwall.outputs.dev.catalog: catalog is required')
    expect(messages).toContain("pitwall.outputs.dev.threads: must be a number (got 'many')")
  })

  it('reports a YAML syntax error with file and line', () => {
    const ds = diagnosticsOf(() => resolve('pitwall:\n  target: dev\n  outputs: [\n    x: 1\n'))
    expect(ds[0]?.code).toBe('yaml-syntax-error')
    expect(ds[0]?.file).toBe('profiles.yml')
    expect(ds[0]?.at?.line).toBeGreaterThanOrEqual(3)
  })

  it('reports problems in both files at once', () => {
    const ds = diagnosticsOf(() => resolve('pitwall: 3\n', undefined, 'name: Bad-Name\n'))
    expect(new Set(ds.map((d) => d.file))).toEqual(new Set(['dbt_project.yml', 'profiles.yml']))
  })

  it('warns about unknown project keys without failing', () => {
    const c = resolve(PROFILES, undefined, `${PROJECT}modles: {}\n`)
    expect(c.warnings.map((w) => [w.code, w.at?.line])).toEqual([['config-unknown-key', 4]])
  })

  it('says when the profile named by the project is missing', () => {
    const [d] = diagnosticsOf(() => resolve(PROFILES, undefined, 'name: other\n'))
    expect(d?.message).toContain("profile 'other'")
  })
})
