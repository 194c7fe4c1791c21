/**
 * @module transform/project/node-factory
 * Builds a {@link ProjectNode} with dbt's defaults for each resource type, so every node in the
 * manifest has the same fields.
 */
import { sha256Hex } from '../content-hash.js'
import type { ColumnDoc, NodeConfig, ProjectNode, ResourceType } from './types.js'
import type { ColumnSpec } from './schema-types.js'

/** Default configs per resource type (dbt's, with pitwall's defaults where dbt has none). */
export function defaultConfig(type: ResourceType): Record<string, unknown> {
  const base = {
    enabled: true,
    tags: [],
    meta: {},
    persist_docs: {},
    quoting: {},
    column_types: {},
  }
  switch (type) {
    case 'model':
      return {
        ...base,
        materialized: 'view',
        on_schema_change: 'ignore',
        full_refresh: null,
        unique_key: null,
        incremental_strategy: null,
        contract: { enforced: false, alias_types: true },
        pre_hook: [],
        post_hook: [],
      }
    case 'seed':
      return { ...base, materialized: 'seed', delimiter: ',', pre_hook: [], post_hook: [] }
    case 'snapshot':
      return {
        ...base,
        materialized: 'snapshot',
        strategy: null,
        unique_key: null,
        hard_deletes: 'ignore',
        dbt_valid_to_current: null,
        pre_hook: [],
        post_hook: [],
      }
    case 'test':
    case 'unit_test':
      return {
        ...base,
        materialized: 'test',
        severity: 'ERROR',
        store_failures: null,
        store_failures_as: null,
        where: null,
        limit: null,
        fail_calc: 'count(*)',
        warn_if: '!= 0',
        error_if: '!= 0',
      }
    case 'analysis':
      return { ...base, materialized: 'view' }
  }
}

/** The columns of schema YAML as dbt's `columns` map. */
export function columnDocs(specs: readonly ColumnSpec[] | undefined): Record<string, ColumnDoc> {
  const out: Record<string, ColumnDoc> = {}
  for (const c of specs ?? []) {
    out[c.name] = {
      name: c.name,
      description: c.description,
      data_type: c.data_type,
      meta: c.meta,
      tags: c.tags,
      quote: null,
    }
  }
  return out
}

/** Everything needed to build a node. */
export interface NodeInput {
  readonly type: ResourceType
  readonly projectName: string
  readonly name: string
  readonly uniqueId?: string
  readonly path: string
  readonly file: string
  readonly fqn: readonly string[]
  readonly rawCode: string
  readonly checksumOf?: string
  readonly config: Record<string, unknown>
  readonly unrendered: Record<string, unknown>
  readonly description?: string
  readonly columns?: Record<string, ColumnDoc>
  readonly patchPath?: string | null
  readonly database: string
  readonly schema: string
}

/** Builds the node (refs, sources and dependencies are filled in by the linker). */
export function makeNode(input: NodeInput, extra: Partial<ProjectNode> = {}): ProjectNode {
  const config = input.config as unknown as NodeConfig
  return {
    unique_id: input.uniqueId ?? `${input.type}.${input.projectName}.${input.name}`,
    resource_type: input.type,
    package_name: input.projectName,
    name: input.name,
    path: input.path,
    original_file_path: input.file,
    fqn: input.fqn,
    raw_code: input.rawCode,
    language: 'sql',
    checksum: { name: 'sha256', checksum: sha256Hex(input.checksumOf ?? input.rawCode) },
    config,
    unrendered_config: input.unrendered,
    description: input.description ?? '',
    columns: input.columns ?? {},
    tags: config.tags,
    meta: config.meta,
    refs: [],
    sources: [],
    depends_on: { nodes: [], macros: [] },
    database: input.database,
    schema: input.schema,
    alias: typeof config.alias === 'string' ? config.alias : input.name,
    patch_path: input.patchPath ?? null,
    ...extra,
  }
}
