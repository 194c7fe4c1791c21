/**
 * @module catalog/environments
 * Environments are catalogs (Unity Catalog style): one per profiles.yml target
 * (`dev_f1_data_analytics`, `stage_…`, `prod_…`), each holding the medallion schemas and `system`.
 */
import type { ResolvedConfig } from '../core/index.js'
import { UnknownEnvironmentError } from './catalog-errors.js'

/** The schemas of every catalog, in data-flow order. */
export const CATALOG_SCHEMAS = ['bronze_raw', 'silver_clean', 'gold_analytics', 'system'] as const

/** A schema name. */
export type SchemaName = (typeof CATALOG_SCHEMAS)[number]

/** The schema of each medallion layer. */
export const LAYER_SCHEMAS = {
  bronze: 'bronze_raw',
  silver: 'silver_clean',
  gold: 'gold_analytics',
} as const satisfies Record<string, SchemaName>

/** A medallion layer. */
export type Layer = keyof typeof LAYER_SCHEMAS

/** True when `name` is one of the catalog schemas. */
export function isSchemaName(name: string): name is SchemaName {
  return (CATALOG_SCHEMAS as readonly string[]).includes(name)
}

/** One environment: a profiles.yml target and the catalog it writes. */
export interface Environment {
  /** Target name (`dev`, `stage`, `prod`). */
  readonly target: string
  /** Catalog name (`dev_f1_data_analytics`). */
  readonly catalog: string
}

/** Every environment of the resolved profile, the chosen target first. */
export function environmentsOf(config: ResolvedConfig): Environment[] {
  const all = Object.entries(config.outputs).map(([target, output]) => ({
    target,
    catalog: output.catalog,
  }))
  return [
    ...all.filter((e) => e.target === config.targetName),
    ...all.filter((e) => e.target !== config.targetName),
  ]
}

/** The environment of the chosen target. */
export function currentEnvironment(config: ResolvedConfig): Environment {
  return { target: config.targetName, catalog: config.output.catalog }
}

/** The environment whose target or catalog is `name`. @throws UnknownEnvironmentError */
export function findEnvironment(environments: readonly Environment[], name: string): Environment {
  const found = environments.find((e) => e.target === name || e.catalog === name)
  if (found === undefined) {
    throw new UnknownEnvironmentError(
      name,
      environments.map((e) => e.target),
    )
  }
  return found
}
