/**
 * @module transform/docs/lineage-layout
 * Lays the lineage graph out in columns by depth (sources on the left, marts on the right) and
 * draws it as SVG, so the docs site needs no JavaScript library.
 */

/** A node to draw. */
export interface LineageNode {
  readonly id: string
  readonly label: string
  readonly kind: string
  readonly parents: readonly string[]
}

const COL = 240
const ROW = 34
const W = 200
const H = 24
const COLOURS: Record<string, string> = {
  source: '#2e7d32',
  seed: '#6a1b9a',
  model: '#1565c0',
  snapshot: '#ef6c00',
  exposure: '#c62828',
}

/** Column (depth) of each node: 0 for nodes without parents, else 1 + the deepest parent. */
export function lineageDepths(nodes: readonly LineageNode[]): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const depth = new Map<string, number>()
  const visit = (id: string, guard: Set<string>): number => {
    const known = depth.get(id)
    if (known !== undefined) return known
    if (guard.has(id)) return 0
    guard.add(id)
    const n = byId.get(id)
    const ps = (n?.parents ?? []).filter((p) => byId.has(p))
    const d = ps.length === 0 ? 0 : 1 + Math.max(...ps.map((p) => visit(p, guard)))
    depth.set(id, d)
    return d
  }
  for (const n of nodes) visit(n.id, new Set())
  return depth
}

/** The lineage graph as an SVG document fragment; each box links to `#<id>`. */
export function lineageSvg(nodes: readonly LineageNode[]): string {
  const depth = lineageDepths(nodes)
  const columns = new Map<number, LineageNode[]>()
  for (const n of [...nodes].sort((a, b) => a.label.localeCompare(b.label))) {
    const d = depth.get(n.id) ?? 0
    columns.set(d, [...(columns.get(d) ?? []), n])
  }
  const pos = new Map<string, { x: number; y: number }>()
  for (const [d, list] of columns)
    list.forEach((n, i) => pos.set(n.id, { x: 10 + d * COL, y: 10 + i * ROW }))
  const width = 20 + (Math.max(0, ...columns.keys()) + 1) * COL
  const height = 20 + Math.max(1, ...[...columns.values()].map((l) => l.length)) * ROW
  const edges: string[] = []
  for (const n of nodes) {
    const to = pos.get(n.id)!
    for (const p of n.parents) {
      const from = pos.get(p)
      if (from === undefined) continue
      const x1 = from.x + W
      const y1 = from.y + H / 2
      const x2 = to.x
      const y2 = to.y + H / 2
      const mid = (x1 + x2) / 2
      edges.push(
        `<path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="#9e9e9e" stroke-width="1"/>`,
      )
    }
  }
  const boxes = nodes.map((n) => {
    const p = pos.get(n.id)!
    const colour = COLOURS[n.kind] ?? '#455a64'
    return `<a href="#${esc(n.id)}"><g><rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="4" fill="${colour}"/><text x="${p.x + 8}" y="${p.y + 16}" fill="#fff" font-size="12" font-family="sans-serif">${esc(truncate(n.label))}</text></g></a>`
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="lineage graph">${edges.join('')}${boxes.join('')}</svg>`
}

function truncate(s: string): string {
  return s.length > 28 ? `${s.slice(0, 27)}…` : s
}

/** Escapes text for HTML. */
export function esc(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}
