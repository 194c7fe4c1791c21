/**
 * @module web/charts/track-map
 * A lap drawn from location data as SVG: the outline (closed when the lap ends where it
 * started), the line coloured by speed, DRS zones, and the start/finish. The y axis is flipped
 * (the feed's y grows north, SVG's grows down).
 */
import type { TrackMap } from '../../../src/serve/api-types.js'
import { h, svg } from '../ui/dom.js'

/** Speed → colour: blue (slow) → green → yellow → red (fast). */
export function speedColour(t: number): string {
  const stops = [
    [0, [59, 130, 246]],
    [0.35, [46, 158, 91]],
    [0.7, [242, 194, 0]],
    [1, [216, 69, 59]],
  ] as const
  const x = Math.min(1, Math.max(0, t))
  for (let i = 1; i < stops.length; i++) {
    const [p1, c1] = stops[i] as (typeof stops)[number]
    const [p0, c0] = stops[i - 1] as (typeof stops)[number]
    if (x <= p1) {
      const f = (x - p0) / (p1 - p0)
      const c = c0.map((v, k) => Math.round(v + ((c1[k] ?? v) - v) * f))
      return `rgb(${c.join(',')})`
    }
  }
  return 'rgb(216,69,59)'
}

/** Draws the map; returns the element (an SVG in a figure with a legend). */
export function drawTrackMap(map: TrackMap, label: string): HTMLElement {
  const pts = map.points.filter(
    (p) => Number.isFinite(p.x) && Number.isFinite(p.y) && !(p.x === 0 && p.y === 0),
  )
  const xs = pts.map((p) => p.x)
  const ys = pts.map((p) => p.y)
  const minX = Math.min(...xs)
  const maxX = Math.max(...xs)
  const minY = Math.min(...ys)
  const maxY = Math.max(...ys)
  const size = Math.max(maxX - minX, maxY - minY, 1)
  const pad = size * 0.06
  const sx = (x: number) => (x - minX + pad).toFixed(1)
  const sy = (y: number) => (maxY - y + pad).toFixed(1)
  const width = maxX - minX + 2 * pad
  const height = maxY - minY + 2 * pad
  const first = pts[0]
  const last = pts.at(-1)
  // Closed when the last sample is near the first (a lap ends where it starts).
  const closed =
    first !== undefined &&
    last !== undefined &&
    Math.hypot(first.x - last.x, first.y - last.y) < size * 0.05
  const outline =
    pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x)} ${sy(p.y)}`).join(' ') +
    (closed ? ' Z' : '')
  const speeds = pts.map((p) => p.speed).filter((s): s is number => s !== null)
  const lo = Math.min(...speeds)
  const hi = Math.max(...speeds)
  const stroke = size / 110
  const segments = pts.slice(1).map((p, i) => {
    const a = pts[i] as (typeof pts)[number]
    const t = p.speed === null || hi === lo ? 0.5 : (p.speed - lo) / (hi - lo)
    return svg('line', {
      x1: sx(a.x),
      y1: sy(a.y),
      x2: sx(p.x),
      y2: sy(p.y),
      stroke: speedColour(t),
      'stroke-width': stroke.toFixed(1),
      'stroke-linecap': 'round',
    })
  })
  const drs = map.drs_zones.map((z) => {
    const inZone = pts.filter((p) => p.progress >= z.start && p.progress <= z.end)
    return svg('path', {
      d: inZone.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x)} ${sy(p.y)}`).join(' '),
      fill: 'none',
      stroke: '#22c55e',
      'stroke-opacity': '0.35',
      'stroke-width': (stroke * 3.2).toFixed(1),
      'stroke-linecap': 'round',
      class: 'drs-zone',
    })
  })
  const picture = svg(
    'svg',
    {
      viewBox: `0 0 ${width.toFixed(0)} ${height.toFixed(0)}`,
      role: 'img',
      'aria-label': label,
      'data-testid': 'track-map',
      'data-closed': String(closed),
      'data-points': String(pts.length),
    },
    drs,
    svg('path', {
      d: outline,
      fill: 'none',
      stroke: 'var(--border)',
      'stroke-width': (stroke * 2.2).toFixed(1),
      'stroke-linejoin': 'round',
      'data-testid': 'track-path',
    }),
    segments,
    first === undefined
      ? null
      : svg(
          'circle',
          { cx: sx(first.x), cy: sy(first.y), r: (stroke * 1.8).toFixed(1), fill: 'var(--text)' },
          svg('title', {}, 'start / finish'),
        ),
  )
  const gradient = `linear-gradient(90deg, ${[0, 0.35, 0.7, 1].map((t) => speedColour(t)).join(', ')})`
  return h(
    'figure',
    { class: 'track', style: 'margin:0' },
    picture,
    h(
      'figcaption',
      { class: 'legend-row' },
      h('span', {}, `${Math.round(lo)} km/h`),
      h('span', { class: 'swatch', style: `width:120px;background:${gradient}` }),
      h('span', {}, `${Math.round(hi)} km/h`),
      map.drs_zones.length > 0
        ? h(
            'span',
            {},
            h('span', { class: 'swatch', style: 'background:rgba(34,197,94,0.5)' }),
            `DRS zones (${map.drs_zones.length})`,
          )
        : null,
      h('span', {}, '● start / finish'),
    ),
  )
}
