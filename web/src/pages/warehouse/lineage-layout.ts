/**
 * @module web/pages/warehouse/lineage-layout
 * Lays a lineage DAG out in columns (a node's column is its longest distance from a source, so
 * bronze → silver → gold reads left to right), orders each column by the mean row of its
 * parents (fewer crossings), and finds the paths from sources to a node. Pure: no DOM.
 */

/** An edge: `from` is a parent of `to`. */
export interface Edge {
  readonly from: string
  readonly to: string
}

/** A placed node. */
export interface Placed {
  readonly id: string
  readonly column: number
  readonly row: number
}

/** Columns and rows of every node (edges to unknown nodes are ignored). */
export function layout(ids: readonly string[], edges: readonly Edge[]): Map<string, Placed> {
  const known = new Set(ids)
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]))
  const children = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (const e of edges) {
    if (!known.has(e.from) || !known.has(e.to) || e.from === e.to) continue
    parents.get(e.to)?.push(e.from)
    children.get(e.from)?.push(e.to)
  }
  // Longest path from a root, in topological order (Kahn); nodes on a cycle keep column 0.
  const column = new Map<string, number>(ids.map((id) => [id, 0]))
  const indegree = new Map(ids.map((id) => [id, parents.get(id)?.length ?? 0]))
  const queue = ids.filter((id) => indegree.get(id) === 0)
  while (queue.length > 0) {
    const id = queue.shift() as string
    for (const c of children.get(id) ?? []) {
      column.set(c, Math.max(column.get(c) ?? 0, (column.get(id) ?? 0) + 1))
      const left = (indegree.get(c) ?? 1) - 1
      indegree.set(c, left)
      if (left === 0) queue.push(c)
    }
  }
  const columns: string[][] = []
  for (const id of ids) (columns[column.get(id) ?? 0] ??= []).push(id)
  const row = new Map<string, number>()
  columns.forEach((col, i) => {
    if (i === 0) col.sort()
    else {
      const mean = (id: string) => {
        const ps = parents.get(id) ?? []
        return ps.length === 0
          ? Infinity
          : ps.reduce((s, p) => s + (row.get(p) ?? 0), 0) / ps.length
      }
      col.sort((a, b) => mean(a) - mean(b) || a.localeCompare(b))
    }
    col.forEach((id, r) => row.set(id, r))
  })
  return new Map(ids.map((id) => [id, { id, column: column.get(id) ?? 0, row: row.get(id) ?? 0 }]))
}

/** Every ancestor (`up`) or descendant of `id`. */
export function reach(id: string, edges: readonly Edge[], up: boolean): Set<string> {
  const next = new Map<string, string[]>()
  for (const e of edges) {
    const [a, b] = up ? [e.to, e.from] : [e.from, e.to]
    next.set(a, [...(next.get(a) ?? []), b])
  }
  const seen = new Set<string>()
  const stack = [id]
  while (stack.length > 0) {
    const n = stack.pop() as string
    for (const m of next.get(n) ?? []) {
      if (!seen.has(m)) {
        seen.add(m)
        stack.push(m)
      }
    }
  }
  return seen
}

/**
 * Every path from a root ancestor (a node without parents: a source or seed) down to `id`,
 * longest first, at most `max` of them (a mart of a wide project has many).
 */
export function pathsFromSources(id: string, edges: readonly Edge[], max = 50): string[][] {
  const parents = new Map<string, string[]>()
  for (const e of edges) parents.set(e.to, [...(parents.get(e.to) ?? []), e.from])
  const paths: string[][] = []
  // Depth-first upwards; `trail` is the path from `id` up to the current node (cycle-safe).
  const walk = (node: string, trail: string[]): void => {
    if (paths.length >= max) return
    const ps = (parents.get(node) ?? []).filter((p) => !trail.includes(p))
    if (ps.length === 0) {
      if (node !== id) paths.push([...trail].reverse())
      return
    }
    for (const p of [...ps].sort()) walk(p, [...trail, p])
  }
  walk(id, [id])
  return paths.sort((a, b) => b.length - a.length || a.join().localeCompare(b.join()))
}
