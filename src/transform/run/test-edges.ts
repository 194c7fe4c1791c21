/**
 * @module transform/run/test-edges
 * The extra edges of `build` (dbt's `Linker.add_test_edges`): a node waits for the data tests of
 * what it reads, so a failing test skips the models built from the rows it found bad. As in dbt,
 * a test gates a node only when *everything the test depends on* is upstream of that node: a
 * `relationships` test of `fact_stints` against `dim_sessions` gates what reads `fact_stints`,
 * not every reader of `dim_sessions` (issue 18: a failing test on `fact_stints` skipped
 * `dim_teams` and `dim_meetings`, which read only `dim_sessions`). Unit tests run before their
 * model, which waits for them.
 */
import type { Dag } from '../graph/dag.js'
import type { ParsedProject } from '../project/parse-project.js'

/**
 * Adds the test edges to `parents` (each selected node's parents, mutated). `order` is the run's
 * nodes in topological order.
 */
export function addTestEdges(
  project: ParsedProject,
  dag: Dag,
  order: readonly string[],
  parents: Map<string, string[]>,
): void {
  const inRun = new Set(order)
  for (const id of order) {
    const t = project.nodes[id]!
    const model = t.attached_node
    if (t.resource_type === 'unit_test' && model != null && inRun.has(model)) {
      parents.get(model)!.push(id)
    }
  }
  const upstream = upstreamOf(dag)
  const isTest = (id: string) => {
    const kind = project.nodes[id]?.resource_type
    return kind === 'test' || kind === 'unit_test'
  }
  for (const id of order) {
    const t = project.nodes[id]!
    if (t.resource_type !== 'test') continue
    const deps = t.depends_on.nodes
    if (deps.length === 0) continue
    const gated = (n: string) => deps.every((d) => upstream(n).has(d))
    const below = candidates(dag, deps)
    // Nodes already waiting for this test, directly or through a parent (topological order).
    const waiting = new Set<string>()
    for (const node of order) {
      if (!below.has(node) || isTest(node) || !gated(node)) continue
      if ((parents.get(node) ?? []).some((p) => waiting.has(p))) {
        waiting.add(node)
        continue
      }
      // Never create a cycle (a test that reads the node, e.g. a relationships test's `to`).
      if (reaches(parents, id, node)) continue
      parents.get(node)!.push(id)
      waiting.add(node)
    }
  }
}

/** Every node downstream of any of `roots` in the DAG. */
function candidates(dag: Dag, roots: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const stack = roots.flatMap((r) => dag.children.get(r) ?? [])
  while (stack.length > 0) {
    const n = stack.pop()!
    if (seen.has(n)) continue
    seen.add(n)
    stack.push(...(dag.children.get(n) ?? []))
  }
  return seen
}

/** The DAG ancestors of a node (memoised). */
function upstreamOf(dag: Dag): (id: string) => ReadonlySet<string> {
  const memo = new Map<string, Set<string>>()
  const visit = (id: string): Set<string> => {
    const hit = memo.get(id)
    if (hit !== undefined) return hit
    const out = new Set<string>()
    memo.set(id, out)
    for (const p of dag.parents.get(id) ?? []) {
      out.add(p)
      for (const a of visit(p)) out.add(a)
    }
    return out
  }
  return visit
}

/** True when `target` is an ancestor of `from` through `parents` (including added edges). */
function reaches(parents: ReadonlyMap<string, readonly string[]>, from: string, target: string) {
  const seen = new Set<string>()
  const stack = [...(parents.get(from) ?? [])]
  while (stack.length > 0) {
    const p = stack.pop()!
    if (p === target) return true
    if (seen.has(p)) continue
    seen.add(p)
    stack.push(...(parents.get(p) ?? []))
  }
  return false
}
