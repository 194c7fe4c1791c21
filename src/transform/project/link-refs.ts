/**
 * @module transform/project/link-refs
 * Links every node's captured `ref()` and `source()` calls to unique ids (dbt's `Linker`); a ref
 * to no model, seed or snapshot, or a source no YAML declares, is an error with the line of the
 * call.
 */
import { makeDiagnostic, type Diagnostic, type SourcePosition } from '../../core/index.js'
import type { ProjectNode, SourceNode } from './types.js'

/** Models, seeds and snapshots by name (what `ref('name')` may point at). */
export function refTargets(nodes: Readonly<Record<string, ProjectNode>>): Map<string, string> {
  const byName = new Map<string, string>()
  for (const n of Object.values(nodes)) {
    if (n.resource_type === 'model' || n.resource_type === 'seed' || n.resource_type === 'snapshot')
      byName.set(n.name, n.unique_id)
  }
  return byName
}

/** The nodes with `depends_on.nodes` filled from their refs and sources. */
export function linkRefs(
  projectName: string,
  nodes: Readonly<Record<string, ProjectNode>>,
  sources: Readonly<Record<string, SourceNode>>,
  diagnostics: Diagnostic[],
): Record<string, ProjectNode> {
  const byName = refTargets(nodes)
  const linked: Record<string, ProjectNode> = {}
  for (const [id, n] of Object.entries(nodes)) {
    const deps = new Set<string>(n.depends_on.nodes)
    for (const r of n.refs) {
      const target = byName.get(r.name)
      if (target === undefined) diagnostics.push(missing(n, 'ref', r.name))
      else if (target !== id) deps.add(target)
    }
    for (const [s, t] of n.sources) {
      const sid = `source.${projectName}.${s}.${t}`
      if (sources[sid] === undefined) diagnostics.push(missing(n, 'source', `${s}.${t}`))
      else deps.add(sid)
    }
    linked[id] = { ...n, depends_on: { nodes: [...deps].sort(), macros: n.depends_on.macros } }
  }
  return linked
}

function missing(n: ProjectNode, kind: 'ref' | 'source', name: string): Diagnostic {
  const at = locate(n.raw_code, kind === 'ref' ? name : name.split('.')[1]!)
  const where = {
    file: n.original_file_path,
    nodeId: n.unique_id,
    ...(at === undefined ? {} : { at }),
  }
  if (kind === 'ref') {
    return makeDiagnostic(
      'ref-not-found',
      { name },
      `${n.resource_type} '${n.name}' refers to '${name}', which is not a model, seed or snapshot of this project (or is disabled)`,
      where,
    )
  }
  const [source, table] = name.split('.') as [string, string]
  return makeDiagnostic(
    'source-not-found',
    { source, table },
    `${n.resource_type} '${n.name}' uses source '${name}', which no sources.yml declares`,
    where,
  )
}

/** The first line and column where `name` appears quoted in `text`. */
export function locate(text: string, name: string): SourcePosition | undefined {
  const pattern = new RegExp(`['"]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`)
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i]!.search(pattern)
    if (col >= 0) return { line: i + 1, column: col + 1 }
  }
  return undefined
}
