/**
 * @module transform/artifacts/manifest
 * Builds `manifest.json` in dbt's v12 shape (schema and type in `core/artifacts`): nodes,
 * sources, macros, docs, exposures, unit tests, `parent_map` and `child_map`, with the node fields
 * tools that read dbt manifests expect.
 */
import {
  artifactMetadata,
  type ArtifactContext,
  type Manifest,
  type ManifestNode,
  type ManifestSource,
} from '../../core/index.js'
import { buildDag } from '../graph/dag.js'
import type { CompiledNode } from '../compile/compile-node.js'
import { relationOf } from '../compile/compile-node.js'
import type { Project, ProjectNode, SourceNode } from '../project/types.js'
import { sha256Hex } from '../content-hash.js'

/** Builds the manifest; `compiled` adds `compiled_code` to the nodes that were compiled. */
export function buildManifest(
  project: Project,
  ctx: ArtifactContext,
  compiled: ReadonlyMap<string, CompiledNode> = new Map(),
): Manifest {
  const nodes: Record<string, ManifestNode> = {}
  const unitTests: Record<string, ManifestNode> = {}
  for (const node of Object.values(project.nodes)) {
    const m = manifestNode(node, compiled.get(node.unique_id))
    if (node.resource_type === 'unit_test') unitTests[node.unique_id] = m
    else nodes[node.unique_id] = m
  }
  const sources: Record<string, ManifestSource> = {}
  for (const s of Object.values(project.sources)) sources[s.unique_id] = manifestSource(s)
  const dag = buildDag(project.nodes, Object.keys(project.sources))
  const parentMap: Record<string, string[]> = {}
  const childMap: Record<string, string[]> = {}
  for (const [id, ps] of dag.parents) {
    if (project.nodes[id]?.resource_type === 'unit_test') continue
    parentMap[id] = [...ps]
  }
  for (const [id, cs] of dag.children) {
    if (project.nodes[id]?.resource_type === 'unit_test') continue
    childMap[id] = cs.filter((c) => project.nodes[c]?.resource_type !== 'unit_test')
  }
  for (const e of Object.values(project.exposures)) {
    parentMap[e.unique_id] = [...e.depends_on.nodes]
    childMap[e.unique_id] = []
    for (const p of e.depends_on.nodes) childMap[p] = [...(childMap[p] ?? []), e.unique_id]
  }
  return {
    metadata: {
      ...artifactMetadata('manifest', ctx),
      project_name: project.name,
      project_id: sha256Hex(project.name).slice(0, 32),
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: project.target.type,
    },
    nodes,
    sources,
    macros: Object.fromEntries(
      Object.values(project.macros).map((m) => [
        m.unique_id,
        {
          name: m.name,
          resource_type: 'macro',
          package_name: m.package_name,
          path: m.original_file_path,
          original_file_path: m.original_file_path,
          unique_id: m.unique_id,
          macro_sql: m.macro_sql,
          depends_on: { macros: [] },
          description: '',
          meta: {},
          docs: { show: true, node_color: null },
          patch_path: null,
          arguments: m.arguments.map((name) => ({ name, type: null, description: '' })),
          created_at: 0,
          supported_languages: null,
        },
      ]),
    ),
    docs: Object.fromEntries(
      Object.values(project.docs).map((d) => [
        d.unique_id,
        {
          name: d.name,
          resource_type: 'doc',
          package_name: project.name,
          path: d.original_file_path,
          original_file_path: d.original_file_path,
          unique_id: d.unique_id,
          block_contents: d.block_contents,
        },
      ]),
    ),
    exposures: Object.fromEntries(
      Object.values(project.exposures).map((e) => [
        e.unique_id,
        {
          name: e.name,
          resource_type: 'exposure',
          package_name: project.name,
          path: e.original_file_path,
          original_file_path: e.original_file_path,
          unique_id: e.unique_id,
          fqn: [project.name, e.name],
          type: e.type,
          owner: { ...e.owner },
          description: e.description,
          label: null,
          maturity: null,
          meta: {},
          tags: [],
          config: { enabled: true },
          unrendered_config: {},
          url: e.url,
          depends_on: { macros: [], nodes: [...e.depends_on.nodes] },
          refs: e.refs.map((r) => ({ ...r, version: null })),
          sources: [],
          metrics: [],
          created_at: 0,
        },
      ]),
    ),
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: unitTests,
  }
}

function manifestNode(node: ProjectNode, compiled: CompiledNode | undefined): ManifestNode {
  const isRelation =
    ['model', 'seed', 'snapshot'].includes(node.resource_type) &&
    node.config.materialized !== 'ephemeral'
  const base: Record<string, unknown> = {
    database: node.database,
    schema: node.schema,
    name: node.name,
    resource_type: node.resource_type,
    package_name: node.package_name,
    path: node.path,
    original_file_path: node.original_file_path,
    unique_id: node.unique_id,
    fqn: node.fqn,
    alias: node.alias,
    checksum: node.checksum,
    config: node.config,
    tags: node.tags,
    description: node.description,
    columns: Object.fromEntries(
      Object.values(node.columns).map((c) => [
        c.name,
        { ...c, constraints: [], granularity: null },
      ]),
    ),
    meta: node.meta,
    group: null,
    docs: { show: true, node_color: null },
    patch_path: node.patch_path,
    build_path: null,
    unrendered_config: node.unrendered_config,
    created_at: 0,
    relation_name: isRelation ? relationOf(node).render() : null,
    raw_code: node.raw_code,
    language: 'sql',
    refs: node.refs.map((r) => ({ ...r, version: null })),
    sources: node.sources,
    metrics: [],
    depends_on: node.depends_on,
    compiled_path:
      compiled === undefined
        ? null
        : `target/compiled/${node.package_name}/${node.original_file_path}`,
    contract: { enforced: false, alias_types: true, checksum: null },
    access: 'protected',
    constraints: [],
    version: null,
    latest_version: null,
    deprecation_date: null,
  }
  if (compiled !== undefined) {
    base['compiled'] = true
    base['compiled_code'] = compiled.compiled_code
    base['extra_ctes_injected'] = true
    base['extra_ctes'] = compiled.extra_ctes.map((c) => ({ id: c.id, sql: c.sql }))
  }
  if (node.resource_type === 'seed') base['root_path'] = ''
  if (node.resource_type === 'test') {
    base['column_name'] = node.column_name ?? null
    base['file_key_name'] =
      node.test_metadata === undefined
        ? null
        : `models.${node.attached_node?.split('.').pop() ?? ''}`
    base['attached_node'] = node.attached_node ?? null
    if (node.test_metadata !== undefined) base['test_metadata'] = node.test_metadata
  }
  if (node.resource_type === 'unit_test' && node.unit_test !== undefined) {
    base['model'] = node.unit_test.model
    base['given'] = node.unit_test.given
    base['expect'] = { rows: node.unit_test.expect.rows, format: 'dict', fixture: null }
    base['overrides'] = node.unit_test.overrides ?? null
  }
  // The fields manifestNodeSchema checks are all set above (manifest.test.ts parses the result).
  return base as ManifestNode
}

function manifestSource(s: SourceNode): ManifestSource {
  return {
    database: s.database,
    schema: s.schema,
    name: s.name,
    resource_type: 'source',
    package_name: s.package_name,
    path: s.path,
    original_file_path: s.original_file_path,
    unique_id: s.unique_id,
    fqn: s.fqn,
    source_name: s.source_name,
    source_description: s.source_description,
    loader: s.loader,
    identifier: s.identifier,
    quoting: { database: null, schema: null, identifier: null, column: null },
    loaded_at_field: s.loaded_at_field,
    loaded_at_query: null,
    freshness: s.freshness,
    external: null,
    description: s.description,
    columns: Object.fromEntries(
      Object.values(s.columns).map((c) => [
        c.name,
        { ...c, meta: { ...c.meta }, tags: [...c.tags], constraints: [], granularity: null },
      ]),
    ),
    meta: s.meta,
    source_meta: {},
    tags: s.tags,
    config: { enabled: true, event_time: null, freshness: s.freshness },
    patch_path: null,
    unrendered_config: {},
    relation_name: relationOf(s).render(),
    created_at: 0,
    doc_blocks: [],
  }
}
