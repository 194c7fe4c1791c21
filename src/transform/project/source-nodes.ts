/**
 * @module transform/project/source-nodes
 * The sources of schema YAML as source nodes (dbt's `SourceParser` output), with the generic
 * tests declared on each table and its columns. A table or source setting overrides the source's
 * (`freshness`, `loaded_at_field`); tags add up, meta merges.
 */
import type { LinkInput } from './link-context.js'
import { columnDocs } from './node-factory.js'
import type { SourceSpec, SourceTableSpec } from './schema-types.js'
import type { TestCollector } from './test-nodes.js'
import type { SourceNode } from './types.js'

/** Builds every enabled source table and adds its tests through `tests`. */
export function linkSources(input: LinkInput, tests: TestCollector): Record<string, SourceNode> {
  const sources: Record<string, SourceNode> = {}
  for (const file of input.schemaFiles) {
    for (const s of file.sources) {
      for (const t of s.tables) {
        if (!t.enabled) continue
        const node = sourceNode(input, s, t)
        sources[node.unique_id] = node
        const name = `source_${s.name}_${t.name}`
        const ref = `source('${s.name}', '${t.name}')`
        for (const spec of t.tests) tests.add(spec, node.unique_id, name, ref, null, [])
        for (const c of t.columns)
          for (const spec of c.tests) tests.add(spec, node.unique_id, name, ref, c.name, c.tags)
      }
    }
  }
  return sources
}

function sourceNode(input: LinkInput, s: SourceSpec, t: SourceTableSpec): SourceNode {
  const project = input.projectName
  const id = `source.${project}.${s.name}.${t.name}`
  return {
    unique_id: id,
    resource_type: 'source',
    package_name: project,
    source_name: s.name,
    name: t.name,
    identifier: t.identifier ?? t.name,
    database: s.database ?? input.target.database,
    schema: s.schema ?? s.name,
    path: s.file,
    original_file_path: s.file,
    fqn: [project, ...s.file.split('/').slice(1, -1), s.name, t.name],
    description: t.description,
    source_description: s.description,
    columns: columnDocs(t.columns),
    loaded_at_field:
      (t.loaded_at_field !== undefined ? t.loaded_at_field : s.loaded_at_field) ?? null,
    freshness: t.freshness !== undefined ? t.freshness : (s.freshness ?? null),
    loader: s.loader,
    tags: [...new Set([...s.tags, ...t.tags])],
    meta: { ...s.meta, ...t.meta },
    config: { enabled: true },
  }
}
