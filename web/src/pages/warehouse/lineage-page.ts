/**
 * @module web/pages/warehouse/lineage-page
 * The lineage graph from sources to marts (the manifest's parent map, only what the principal
 * may read), laid out left to right, coloured by layer, with each node's last run status.
 * Choosing a node (`?focus=model.pitwall.session_leaderboard`) highlights its ancestors and
 * descendants and lists the paths from the sources to it.
 */
import type { Lineage, LineageNode } from '../../../../src/serve/api-types.js'
import { get } from '../../api/client.js'
import type { PageContext } from '../../router.js'
import { h, panel, put, svg } from '../../ui/dom.js'
import { instant } from '../../ui/format.js'
import { empty } from '../../ui/status.js'
import { layout, pathsFromSources, reach } from './lineage-layout.js'

const NODE_W = 190
const NODE_H = 28
const COL_W = 250
const ROW_H = 38
const LAYER_COLOURS: Readonly<Record<string, string>> = {
  bronze: 'var(--bronze)',
  silver: 'var(--silver)',
  gold: 'var(--gold)',
  other: 'var(--muted)',
}

function graph(l: Lineage, focus: string | undefined, only: boolean): SVGSVGElement {
  const lit = new Set<string>()
  if (focus !== undefined) {
    lit.add(focus)
    for (const id of reach(focus, l.edges, true)) lit.add(id)
    for (const id of reach(focus, l.edges, false)) lit.add(id)
  }
  const nodes = only && focus !== undefined ? l.nodes.filter((n) => lit.has(n.unique_id)) : l.nodes
  const ids = new Set(nodes.map((n) => n.unique_id))
  const edges = l.edges.filter((e) => ids.has(e.from) && ids.has(e.to))
  const placed = layout([...ids], edges)
  const cols = Math.max(0, ...[...placed.values()].map((p) => p.column)) + 1
  const rows = Math.max(0, ...[...placed.values()].map((p) => p.row)) + 1
  const x = (id: string) => 10 + (placed.get(id)?.column ?? 0) * COL_W
  const y = (id: string) => 10 + (placed.get(id)?.row ?? 0) * ROW_H
  const paths = edges.map((e) => {
    const x1 = x(e.from) + NODE_W
    const y1 = y(e.from) + NODE_H / 2
    const x2 = x(e.to)
    const y2 = y(e.to) + NODE_H / 2
    const mid = (x1 + x2) / 2
    const on = focus !== undefined && lit.has(e.from) && lit.has(e.to)
    return svg('path', {
      class: on ? 'edge on' : 'edge',
      d: `M${x1} ${y1} C${mid} ${y1} ${mid} ${y2} ${x2} ${y2}`,
      'data-from': e.from,
      'data-to': e.to,
    })
  })
  const boxes = nodes.map((n: LineageNode) => {
    const failed = n.last_status !== null && !['success', 'pass'].includes(n.last_status)
    const cls = [
      'node',
      focus === n.unique_id ? 'focus' : '',
      focus !== undefined && !lit.has(n.unique_id) ? 'dim' : '',
    ].join(' ')
    const label = n.name.length > 26 ? `${n.name.slice(0, 25)}…` : n.name
    return svg(
      'a',
      {
        href: `/warehouse/lineage?focus=${encodeURIComponent(n.unique_id)}${only ? '&only=1' : ''}`,
        class: cls,
        'data-id': n.unique_id,
        'data-name': n.name,
        'aria-label': `${n.name} (${n.resource_type}, ${n.layer}${n.last_status ? `, last run ${n.last_status}` : ''})`,
      },
      svg(
        'title',
        {},
        `${n.unique_id}\n${n.relation ?? ''}${n.last_status ? `\nlast run: ${n.last_status}` : ''}`,
      ),
      svg('rect', {
        x: x(n.unique_id),
        y: y(n.unique_id),
        width: NODE_W,
        height: NODE_H,
        rx: 5,
        stroke: failed ? 'var(--bad)' : (LAYER_COLOURS[n.layer] ?? 'var(--muted)'),
        'stroke-dasharray': failed ? '4 3' : null,
      }),
      svg(
        'text',
        { x: x(n.unique_id) + 10, y: y(n.unique_id) + 18 },
        `${n.resource_type === 'source' ? '◇ ' : n.resource_type === 'seed' ? '▤ ' : n.resource_type === 'snapshot' ? '◷ ' : ''}${label}`,
      ),
    )
  })
  return svg(
    'svg',
    {
      width: cols * COL_W,
      height: rows * ROW_H + 10,
      role: 'group',
      'aria-label': `Lineage graph: ${nodes.length} nodes, ${edges.length} edges`,
      'data-testid': 'lineage-graph',
    },
    paths,
    boxes,
  )
}

function details(l: Lineage, focus: string | undefined): HTMLElement {
  const n = l.nodes.find((x) => x.unique_id === focus)
  if (n === undefined)
    return h('p', { class: 'sub' }, 'Choose a node (click, or Tab then Enter) to see its lineage.')
  const name = (id: string) => l.nodes.find((x) => x.unique_id === id)?.name ?? id
  const paths = pathsFromSources(n.unique_id, l.edges)
  const [catalog, schema, table] = (n.relation ?? '').split('.')
  return h(
    'div',
    {},
    h('h3', {}, n.name),
    h(
      'p',
      {},
      h('span', { class: `badge ${n.layer}` }, n.layer),
      ' ',
      n.resource_type,
      n.materialized ? ` · ${n.materialized}` : '',
      n.last_status ? ' · last run ' : '',
      n.last_status ? h('span', { class: `badge ${n.last_status}` }, n.last_status) : null,
    ),
    n.relation === null
      ? null
      : h(
          'p',
          { class: 'mono', style: 'word-break:break-all' },
          table === undefined
            ? n.relation
            : h('a', { href: `/warehouse/catalog/${catalog}/${schema}/${table}` }, n.relation),
        ),
    n.description === null ? null : h('p', { class: 'sub' }, n.description),
    h(
      'h3',
      {},
      paths.length === 0
        ? 'A source (no parents)'
        : `Paths from the sources and seeds (${paths.length}${paths.length >= 50 ? '+, longest first' : ', longest first'})`,
    ),
    h(
      'ul',
      { 'data-testid': 'lineage-paths', class: 'mono', style: 'padding-left:18px' },
      paths.map((p) => h('li', {}, p.map(name).join(' → '))),
    ),
  )
}

/** Renders the lineage page. */
export async function render(ctx: PageContext): Promise<void> {
  const l = await get('GET /api/lineage', {}, {}, ctx.signal)
  if (l.nodes.length === 0) {
    put(
      ctx.root,
      h('h1', {}, 'Lineage'),
      empty('No lineage yet (run `pitwall build`), or nothing you may read.'),
    )
    return
  }
  const focus = ctx.query.get('focus') ?? undefined
  const only = ctx.query.get('only') === '1'
  const toggle = h('input', {
    type: 'checkbox',
    id: 'only',
    checked: only,
    disabled: focus === undefined,
  })
  toggle.addEventListener('change', () => {
    const q = new URLSearchParams(location.search)
    if (toggle.checked) q.set('only', '1')
    else q.delete('only')
    history.pushState(null, '', `${location.pathname}?${q}`)
    window.dispatchEvent(new Event('pitwall:navigate'))
  })
  const counts = ['bronze', 'silver', 'gold', 'other'].map(
    (layer) => [layer, l.nodes.filter((n) => n.layer === layer).length] as const,
  )
  put(
    ctx.root,
    h('h1', {}, 'Lineage'),
    h(
      'p',
      { class: 'sub' },
      `${l.nodes.length} nodes, ${l.edges.length} edges · manifest of ${instant(l.generated_at)}`,
    ),
    h(
      'div',
      { class: 'split', style: 'grid-template-columns:minmax(0,1fr) minmax(240px,340px)' },
      h(
        'div',
        { class: 'panel' },
        h(
          'div',
          { class: 'toolbar' },
          h('label', { for: 'only' }, toggle, 'Only the chosen node’s lineage'),
          h(
            'span',
            { class: 'legend-row' },
            counts
              .filter(([, n]) => n > 0)
              .map(([layer, n]) =>
                h(
                  'span',
                  {},
                  h('span', { class: 'swatch', style: `background:${LAYER_COLOURS[layer]}` }),
                  `${layer} ${n}`,
                ),
              ),
            h('span', {}, '◇ source · ▤ seed · ◷ snapshot · dashed: failed'),
          ),
        ),
        h('div', { class: 'lineage' }, graph(l, focus, only)),
      ),
      panel('Node', details(l, focus)),
    ),
  )
  ctx.root
    .querySelector<SVGElement>('.node.focus')
    ?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
}
