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

  it('reports every invalid value with its line', () => {
    const bad = PROFILES.replace('catalog: dev_f1_data_analytics', 'catalog: Dev Catalog').replace(
      'type: local\n      catalog: prod',
      'type: lokal\n      catalog: prod',
    )
    const ds = diagnosticsOf(() => resolve(bad))
    expect(ds.map((d) => [d.file, d.at?.line])).toEqual([
      ['profiles.yml', 6],
      ['profiles.yml', 8],
    ])
    expect(ds[0]?.message).toContain('pitwall.outputs.dev.catalog')
  })

  it('says which output types exist, from the schema, and what was given', () => {
    const ds = diagnosticsOf(() =>
      resolve(
        PROFILES.replace('type: local\n      catalog: prod', 'type: duckdb\n      catalog: prod'),
      ),
    )
    expect(ds.map((d) => d.message)).toEqual([
      'pitwall.outputs.prod.type: type must be one of local, databricks (got duckdb)',
    ])
    expect(ds[0]?.at?.line).toBe(8)
  })

  it('words type mistakes and missing keys plainly', () => {
    const ds = diagnosticsOf(() =>
      resolve(
        PROFILES.replace('catalog: dev_f1_data_analytics', 'threads: many').replace(
          'catalog: prod_f1_data_analytics',
          'catalog: prod_f1_data_analytics\n      threads: 0',
        ),
      ),
    )
    const messages = ds.map((d) => d.message)
    expect(messages).toContain('pitwall.outputs.dev.catalog: catalog is required')
    expect(messages).toContain("pitwall.outputs.dev.threads: must be a number (got 'many')")
    expect(messages.some((m) => m.startsWith('pitwall.outputs.prod.threads: '))).toBe(true)
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
