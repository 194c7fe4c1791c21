/**
 * @module transform/graph/dag
 * The project's DAG: parent and child maps (dbt's `parent_map` / `child_map`), a topological
 * order, and cycle detection that returns the cycle itself so it can be printed.
 */

/** Something with dependencies. */
export interface DagNode {
  readonly depends_on: { readonly nodes: readonly string[] }
}

/** Parent/child maps and a topological order. */
export interface Dag {
  /** id → the ids it depends on (sources included). */
  readonly parents: ReadonlyMap<string, readonly string[]>
  /** id → the ids that depend on it. */
  readonly children: ReadonlyMap<string, readonly string[]>
  /** Every id, parents before children (ties broken by id, so the order is stable). */
  readonly order: readonly string[]
}

/** Builds the DAG over `nodes` plus the leaf ids in `extra` (sources). */
export function buildDag(
  nodes: Readonly<Record<string, DagNode>>,
  extra: readonly string[] = [],
): Dag {
  const parents = new Map<string, string[]>()
  const children = new Map<string, string[]>()
  for (const id of extra) {
    parents.set(id, [])
    children.set(id, [])
  }
  for (const id of Object.keys(nodes)) {
    parents.set(id, [])
    if (!children.has(id)) children.set(id, [])
  }
  for (const [id, node] of Object.entries(nodes)) {
    for (const p of node.depends_on.nodes) {
      if (!parents.has(p)) continue
      parents.get(id)!.push(p)
      children.get(p)!.push(id)
    }
  }
  for (const list of children.values()) list.sort()
  return { parents, children, order: topoOrder(parents, children) }
}

function topoOrder(
  parents: ReadonlyMap<string, readonly string[]>,
  children: ReadonlyMap<string, readonly string[]>,
): string[] {
  const indegree = new Map<string, number>()
  for (const [id, ps] of parents) indegree.set(id, ps.length)
  const ready = [...indegree]
    .filter(([, d]) => d === 0)
    .map(([id]) => id)
    .sort()
  const order: string[] = []
  while (ready.length > 0) {
    const id = ready.shift()!
    order.push(id)
    const released: string[] = []
    for (const c of children.get(id) ?? []) {
      const d = indegree.get(c)! - 1
      indegree.set(c, d)
      if (d === 0) released.push(c)
    }
    if (released.length > 0) {
      ready.push(...released)
      ready.sort()
    }
  }
  return order
}

/**
 * A dependency cycle, as the list of ids `a → b → … → a` (first id repeated at the end), or
 * undefined when the graph is acyclic.
 */
export function findCycle(parents: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>()
  const stack: string[] = []
  const visit = (id: string): string[] | undefined => {
    state.set(id, 1)
    stack.push(id)
    for (const p of parents.get(id) ?? []) {
      const s = state.get(p)
      if (s === 1) {
        const from = stack.indexOf(p)
        // stack holds child → parent edges; print in dependency direction (parent first).
        return [...stack.slice(from), p].reverse()
      }
      if (s === undefined) {
        const found = visit(p)
        if (found !== undefined) return found
      }
    }
    stack.pop()
    state.set(id, 2)
    return undefined
  }
  for (const id of [...parents.keys()].sort()) {
    if (state.has(id)) continue
    const found = visit(id)
    if (found !== undefined) return found
  }
  return undefined
}

/** Every ancestor of `id` (not including it), up to `depth` levels (Infinity for all). */
export function ancestors(dag: Dag, id: string, depth = Infinity): Set<string> {
  return walk(dag.parents, id, depth)
}

/** Every descendant of `id` (not including it), down `depth` levels. */
export function descendants(dag: Dag, id: string, depth = Infinity): Set<string> {
  return walk(dag.children, id, depth)
}

function walk(edges: ReadonlyMap<string, readonly string[]>, start: string, depth: number) {
  const seen = new Set<string>()
  let frontier = [start]
  for (let level = 0; level < depth && frontier.length > 0; level++) {
    const next: string[] = []
    for (const id of frontier) {
      for (const n of edges.get(id) ?? []) {
        if (!seen.has(n)) {
          seen.add(n)
          next.push(n)
        }
      }
    }
    frontier = next
  }
  seen.delete(start)
  return seen
}
