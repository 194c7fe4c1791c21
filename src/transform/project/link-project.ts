/**
 * @module transform/project/link-project
 * The resolve step (STYLE.md §10): builds source nodes and generic test nodes, links every
 * `ref()`/`source()` to a unique id, and reports missing targets and dependency cycles.
 */
import { makeDiagnostic, type Diagnostic, type SourcePosition } from '../../core/index.js'
import { buildDag, findCycle } from '../graph/dag.js'
import type { TemplateEngine } from '../template/template-engine.js'
import { mergeConfig } from './config-tree.js'
import { kwargDependencies } from './generic-tests.js'
import { addTest } from './test-nodes.js'
import { columnDocs, defaultConfig, makeNode } from './node-factory.js'
import type { NodePatch, SchemaFile } from './schema-yaml.js'
import type { ExposureNode, ProjectNode, SourceNode, TargetInfo } from './types.js'

/** Input of {@link linkProject}. */
export interface LinkInput {
  readonly projectName: string
  readonly target: TargetInfo
  readonly engine: TemplateEngine
  readonly nodes: Record<string, ProjectNode>
  readonly patches: readonly NodePatch[]
  readonly schemaFiles: readonly SchemaFile[]
  readonly testTree: unknown
  /** Diagnostics are appended here. */
  readonly diagnostics: Diagnostic[]
}

/** Links the project; returns the final nodes, sources and exposures. */
export function linkProject(input: LinkInput): {
  nodes: Record<string, ProjectNode>
  sources: Record<string, SourceNode>
  exposures: Record<string, ExposureNode>
} {
  const { projectName: project, target, nodes, diagnostics } = input
  const sources: Record<string, SourceNode> = {}
  for (const file of input.schemaFiles) {
    for (const s of file.sources) {
      for (const t of s.tables) {
        if (!t.enabled) continue
        const id = `source.${project}.${s.name}.${t.name}`
        const freshness = t.freshness !== undefined ? t.freshness : (s.freshness ?? null)
        sources[id] = {
          unique_id: id,
          resource_type: 'source',
          package_name: project,
          source_name: s.name,
          name: t.name,
          identifier: t.identifier ?? t.name,
          database: s.database ?? target.database,
          schema: s.schema ?? s.name,
          path: s.file,
          original_file_path: s.file,
          fqn: [project, ...s.file.split('/').slice(1, -1), s.name, t.name],
          description: t.description,
          source_description: s.description,
          columns: columnDocs(t.columns),
          loaded_at_field:
            (t.loaded_at_field !== undefined ? t.loaded_at_field : s.loaded_at_field) ?? null,
          freshness,
          loader: s.loader,
          tags: [...new Set([...s.tags, ...t.tags])],
          meta: { ...s.meta, ...t.meta },
          config: { enabled: true },
        }
        for (const spec of t.tests)
          addTest(
            input,
            spec,
            id,
            `source_${s.name}_${t.name}`,
            `source('${s.name}', '${t.name}')`,
            null,
            [],
          )
        for (const c of t.columns)
          for (const spec of c.tests)
            addTest(
              input,
              spec,
              id,
              `source_${s.name}_${t.name}`,
              `source('${s.name}', '${t.name}')`,
              c.name,
              c.tags,
            )
      }
    }
  }
  const kindOf = {
    models: 'model',
    seeds: 'seed',
    snapshots: 'snapshot',
    analyses: 'analysis',
  } as const
  for (const patch of input.patches) {
    const id = `${kindOf[patch.kind]}.${project}.${patch.name}`
    const node = nodes[id]
    if (node === undefined) {
      diagnostics.push(
        makeDiagnostic(
          'patch-target-not-found',
          { name: patch.name, kind: patch.kind },
          `${patch.kind.slice(0, -1)} '${patch.name}' is described in ${patch.file} but no such file exists (or it is disabled)`,
          {
            file: patch.file,
            severity: 'warn',
            ...(patch.at === undefined ? {} : { at: patch.at }),
          },
        ),
      )
      continue
    }
    const ref = `ref('${patch.name}')`
    for (const spec of patch.tests) addTest(input, spec, id, patch.name, ref, null, patch.tags)
    for (const c of patch.columns)
      for (const spec of c.tests)
        addTest(input, spec, id, patch.name, ref, c.name, [...patch.tags, ...c.tags])
  }
  for (const file of input.schemaFiles) {
    for (const u of file.unitTests) {
      const id = `unit_test.${project}.${u.model}.${u.name}`
      const config = mergeConfig([defaultConfig('unit_test')])
      nodes[id] = {
        ...makeNode({
          type: 'unit_test',
          projectName: project,
          name: u.name,
          uniqueId: id,
          path: u.file,
          file: u.file,
          fqn: [project, u.model, u.name],
          rawCode: '',
          config,
          unrendered: {},
          description: u.description,
          database: target.database,
          schema: target.schema,
        }),
        refs: [{ name: u.model, package: null }],
        attached_node: `model.${project}.${u.model}`,
        unit_test: u,
      }
    }
  }

  // Link refs and sources.
  const byName = new Map<string, string>()
  for (const n of Object.values(nodes)) {
    if (n.resource_type === 'model' || n.resource_type === 'seed' || n.resource_type === 'snapshot')
      byName.set(n.name, n.unique_id)
  }
  const linked: Record<string, ProjectNode> = {}
  for (const [id, n] of Object.entries(nodes)) {
    const deps = new Set<string>(n.depends_on.nodes)
    for (const r of n.refs) {
      const target = byName.get(r.name)
      if (target === undefined) diagnostics.push(missing(n, 'ref', r.name))
      else if (target !== id) deps.add(target)
    }
    for (const [s, t] of n.sources) {
      const sid = `source.${project}.${s}.${t}`
      if (sources[sid] === undefined) diagnostics.push(missing(n, 'source', `${s}.${t}`))
      else deps.add(sid)
    }
    linked[id] = { ...n, depends_on: { nodes: [...deps].sort(), macros: n.depends_on.macros } }
  }
  // A unit test runs on fixtures before its model is built (dbt build): it depends on the model's
  // parents, and the runner makes the model wait for it.
  for (const n of Object.values(linked)) {
    if (n.resource_type !== 'unit_test' || n.attached_node == null) continue
    const model = linked[n.attached_node]
    if (model === undefined) continue
    linked[n.unique_id] = { ...n, depends_on: { nodes: model.depends_on.nodes, macros: [] } }
  }

  const exposures: Record<string, ExposureNode> = {}
  for (const file of input.schemaFiles) {
    for (const e of file.exposures) {
      const refs = e.depends_on.flatMap((d) => kwargDependencies({ d }).refs)
      exposures[`exposure.${project}.${e.name}`] = {
        unique_id: `exposure.${project}.${e.name}`,
        name: e.name,
        type: e.type,
        owner: e.owner,
        description: e.description,
        url: e.url,
        refs: refs.map((name) => ({ name, package: null })),
        depends_on: {
          nodes: refs.map((r) => byName.get(r)).filter((x): x is string => x !== undefined),
        },
        original_file_path: e.file,
      }
    }
  }

  const dag = buildDag(linked, Object.keys(sources))
  const cycle = findCycle(dag.parents)
  if (cycle !== undefined) {
    const first = linked[cycle[0]!]
    diagnostics.push(
      makeDiagnostic(
        'dependency-cycle',
        { chain: cycle },
        `dependency cycle: ${cycle.join(' → ')}`,
        {
          ...(first === undefined
            ? {}
            : { file: first.original_file_path, nodeId: first.unique_id }),
        },
      ),
    )
  }
  return { nodes: linked, sources, exposures }
}

function missing(n: ProjectNode, kind: 'ref' | 'source', name: string): Diagnostic {
  const at = locate(n.raw_code, kind === 'ref' ? name : name.split('.')[1]!)
  const message =
    kind === 'ref'
      ? `${n.resource_type} '${n.name}' refers to '${name}', which is not a model, seed or snapshot of this project (or is disabled)`
      : `${n.resource_type} '${n.name}' uses source '${name}', which no sources.yml declares`
  return kind === 'ref'
    ? makeDiagnostic('ref-not-found', { name }, message, {
        file: n.original_file_path,
        nodeId: n.unique_id,
        ...(at === undefined ? {} : { at }),
      })
    : makeDiagnostic(
        'source-not-found',
        { source: name.split('.')[0]!, table: name.split('.')[1]! },
        message,
        { file: n.original_file_path, nodeId: n.unique_id, ...(at === undefined ? {} : { at }) },
      )
}

function locate(text: string, name: string): SourcePosition | undefined {
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i]!.search(
      new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`),
    )
    if (col >= 0) return { line: i + 1, column: col + 1 }
  }
  return undefined
}
