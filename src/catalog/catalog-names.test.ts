import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ResolvedConfig } from '../core/index.js'
import { InvalidTableNameError, UnknownEnvironmentError } from './catalog-errors.js'
import { currentEnvironment, environmentsOf, findEnvironment } from './environments.js'
import { layerTableProperties } from './table-properties.js'
import { formatTableName, parseTableName, tablePath } from './table-name.js'
import { discoverTables } from './table-registry.js'

const config = {
  targetName: 'stage',
  output: { type: 'local', catalog: 'stage_f1_data_analytics', threads: 4 },
  outputs: {
    dev: { type: 'local', catalog: 'dev_f1_data_analytics', threads: 4 },
    stage: { type: 'local', catalog: 'stage_f1_data_analytics', threads: 4 },
    prod: { type: 'local', catalog: 'prod_f1_data_analytics', threads: 4 },
  },
} as unknown as ResolvedConfig

describe('environments', () => {
  it('lists one catalog per profiles.yml target, the chosen target first', () => {
    expect(environmentsOf(config).map((e) => `${e.target}=${e.catalog}`)).toEqual([
      'stage=stage_f1_data_analytics',
      'dev=dev_f1_data_analytics',
      'prod=prod_f1_data_analytics',
    ])
    expect(currentEnvironment(config).catalog).toBe('stage_f1_data_analytics')
  })

  it('finds an environment by target or catalog name and names the choices otherwise', () => {
    const envs = environmentsOf(config)
    expect(findEnvironment(envs, 'prod').catalog).toBe('prod_f1_data_analytics')
    expect(findEnvironment(envs, 'dev_f1_data_analytics').target).toBe('dev')
    const error = (() => {
      try {
        findEnvironment(envs, 'qa')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(UnknownEnvironmentError)
    expect((error as UnknownEnvironmentError).hint).toMatch(/stage, dev, prod/)
  })
})

describe('table names', () => {
  it('parses and formats three-level names and maps them to folders', () => {
    const name = parseTableName('dev_f1_data_analytics.bronze_raw.bronze_laps')
    expect(name).toEqual({
      catalog: 'dev_f1_data_analytics',
      schema: 'bronze_raw',
      table: 'bronze_laps',
    })
    expect(formatTableName(name)).toBe('dev_f1_data_analytics.bronze_raw.bronze_laps')
    expect(tablePath('/lh', name)).toBe('/lh/dev_f1_data_analytics/bronze_raw/bronze_laps')
  })

  it.each([
    ['bronze_laps', /three/],
    ['dev.bronze.laps', /unknown schema 'bronze'/],
    ['dev.bronze_raw.Laps', /lower-case/],
    ['dev.bronze_raw.../x', /three|lower-case/],
  ])('rejects %s', (text, reason) => {
    expect(() => parseTableName(text)).toThrow(InvalidTableNameError)
    expect(() => parseTableName(text)).toThrow(reason)
  })
})

describe('table properties', () => {
  it('tags every layer with its quality, CDF on silver and longer retention on gold', () => {
    expect(layerTableProperties('bronze_raw')['quality']).toBe('bronze')
    expect(layerTableProperties('silver_clean')['delta.enableChangeDataFeed']).toBe('true')
    expect(layerTableProperties('gold_analytics')['delta.deletedFileRetentionDuration']).toMatch(
      /interval \d+ days/,
    )
    expect(layerTableProperties('bronze_raw')['delta.enableChangeDataFeed']).toBeUndefined()
  })
})

describe('discoverTables', () => {
  it('finds the folders with a _delta_log under known catalogs and schemas only', () => {
    const home = mkdtempSync(join(tmpdir(), 'pitwall-reg-'))
    try {
      const mk = (...p: string[]): void => {
        mkdirSync(join(home, ...p), { recursive: true })
      }
      mk('dev_f1_data_analytics', 'bronze_raw', 'bronze_laps', '_delta_log')
      mk('dev_f1_data_analytics', 'gold_analytics', 'fact_laps', '_delta_log')
      mk('dev_f1_data_analytics', 'bronze_raw', 'not_a_table')
      mk('dev_f1_data_analytics', 'scratch', 'x', '_delta_log')
      mk('prod_f1_data_analytics', 'silver_clean', 'silver_laps', '_delta_log')
      mk('landing', 'laps')
      writeFileSync(join(home, 'dev_f1_data_analytics', 'bronze_raw', 'file.txt'), '')
      const found = discoverTables(home, ['dev_f1_data_analytics'])
      expect(found.map((t) => formatTableName(t.name))).toEqual([
        'dev_f1_data_analytics.bronze_raw.bronze_laps',
        'dev_f1_data_analytics.gold_analytics.fact_laps',
      ])
      expect(found[0]?.path).toBe(join(home, 'dev_f1_data_analytics', 'bronze_raw', 'bronze_laps'))
      expect(
        discoverTables(home, ['prod_f1_data_analytics', 'stage_f1_data_analytics']),
      ).toHaveLength(1)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})
