/**
 * @module web/pages/session/laps-tab
 * Every driver's lap times over the session: pit in/out laps marked, safety car / VSC / red
 * flag periods shaded (from race control, when the principal may read it), and an outliers
 * toggle — by default only representative laps show (no pit laps, none over 107% of the
 * session's median lap: FastF1's `pick_quicklaps` rule, on the median so that a race's late
 * fastest lap does not cut ordinary laps), so a slow lap does not flatten the chart.
 */
import type { LapRow, RaceControlRow } from '../../../../src/serve/api-types.js'
import { isDenied } from '../../api/client.js'
import { chart, legend, type ChartOption } from '../../charts/echarts.js'
import { lapTimeAxes } from '../../charts/lap-axes.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { empty } from '../../ui/status.js'
import { neutralisations, type Neutralisation } from './race-control.js'
import { driverStyles, sessionRows, type DriverStyle } from './session-data.js'

const QUICK = 1.07

/** The session's median lap time: the outlier threshold is 107% of it. */
function medianLap(laps: readonly LapRow[]): number {
  const times = laps
    .map((l) => l.lap_duration)
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)] ?? Infinity
}

function isOutlier(l: LapRow, median: number): boolean {
  return (
    l.lap_duration === null ||
    l.is_pit_in_lap === true ||
    l.is_pit_out_lap === true ||
    l.lap_duration > median * QUICK
  )
}

/** The chart's option for the laps of the drivers in `order`. */
function lapOption(
  laps: readonly LapRow[],
  order: readonly number[],
  style: (n: number) => DriverStyle,
  periods: readonly Neutralisation[],
  showOutliers: boolean,
  selected: ReadonlySet<number>,
): ChartOption {
  const median = medianLap(laps)
  const byDriver = new Map<number, LapRow[]>()
  for (const l of laps) byDriver.set(l.driver_number, [...(byDriver.get(l.driver_number) ?? []), l])
  const series: Record<string, unknown>[] = order.map((n) => {
    const s = style(n)
    const rows = (byDriver.get(n) ?? []).sort((a, b) => a.lap_number - b.lap_number)
    return {
      name: s.label,
      type: 'line',
      showSymbol: false,
      connectNulls: false,
      lineStyle: { color: s.colour, width: 1.5, type: s.second ? 'dashed' : 'solid' },
      itemStyle: { color: s.colour },
      data: rows.map((l) => [
        l.lap_number,
        !showOutliers && isOutlier(l, median) ? null : l.lap_duration,
      ]),
    }
  })
  const pitLaps = laps.filter(
    (l) =>
      (l.is_pit_in_lap === true || l.is_pit_out_lap === true) &&
      l.lap_duration !== null &&
      selected.has(l.driver_number),
  )
  series.push({
    name: 'Pit in/out laps',
    type: 'scatter',
    symbol: 'triangle',
    symbolSize: 9,
    data: pitLaps
      .filter((l) => showOutliers || (l.lap_duration ?? Infinity) <= median * QUICK)
      .map((l) => ({
        value: [l.lap_number, l.lap_duration],
        itemStyle: { color: style(l.driver_number).colour },
        driver: style(l.driver_number).label,
      })),
    markArea: {
      silent: true,
      itemStyle: { color: 'rgba(255, 204, 0, 0.16)' },
      label: { color: '#d39b0b' },
      data: periods.map((p) => [
        { name: p.kind, xAxis: p.startLap - 0.5 },
        { xAxis: p.endLap + 0.5 },
      ]),
    },
  })
  const legendSelected: Record<string, boolean> = {}
  for (const n of order) legendSelected[style(n).label] = selected.has(n)
  return {
    legend: legend({ selected: legendSelected }),
    grid: { left: 64, right: 24, top: 48, bottom: 64 },
    ...lapTimeAxes(),
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series,
  }
}

/** Renders the lap-time chart. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const [laps, board] = await Promise.all([
    sessionRows('GET /api/sessions/{session_key}/laps', key),
    sessionRows('GET /api/sessions/{session_key}/leaderboard', key),
  ])
  let control: RaceControlRow[] = []
  if (ctx.access.layers.has('silver')) {
    try {
      control = await sessionRows('GET /api/sessions/{session_key}/race-control', key)
    } catch (error) {
      if (!isDenied(error)) throw error
    }
  }
  if (laps.length === 0) {
    put(ctx.root, empty('No laps in this session.'))
    return
  }
  const style = driverStyles(board)
  const ranked = board.map((r) => r.driver_number)
  const order = [
    ...ranked,
    ...[...new Set(laps.map((l) => l.driver_number))]
      .filter((n) => !ranked.includes(n))
      .sort((a, b) => a - b),
  ]
  const periods = neutralisations(control)
  let selected = new Set(order.slice(0, 5))
  const outliers = h('input', { type: 'checkbox', id: 'outliers' })
  const host = h('div', { class: 'chart tall', 'data-testid': 'lap-chart' })
  const summary = h('p', { class: 'sub' })
  const toolbar = h(
    'div',
    { class: 'toolbar' },
    h(
      'label',
      { for: 'outliers' },
      outliers,
      'Show outliers (pit laps, laps over 107% of the median lap)',
    ),
    h('button', { type: 'button', onclick: () => draw(new Set(order.slice(0, 5))) }, 'Top 5'),
    h('button', { type: 'button', onclick: () => draw(new Set(order)) }, 'All drivers'),
  )
  put(ctx.root, panel('Lap times', toolbar, host, summary))
  const instance = chart(ctx, host, {}, 'Lap time of each driver on each lap')
  instance.on('legendselectchanged', (e: unknown) => {
    const picked = (e as { selected: Record<string, boolean> }).selected
    selected = new Set(order.filter((n) => picked[style(n).label] === true))
  })
  function draw(next: ReadonlySet<number>): void {
    selected = new Set(next)
    instance.setOption(lapOption(laps, order, style, periods, outliers.checked, selected), {
      replaceMerge: ['series'],
    })
  }
  outliers.addEventListener('change', () => draw(selected))
  draw(selected)
  const marked = periods.map((p) => `${p.kind} laps ${p.startLap}–${p.endLap}`)
  summary.textContent = [
    `${laps.length} laps of ${order.length} drivers.`,
    marked.length > 0
      ? `Shaded: ${marked.join(', ')}.`
      : ctx.access.layers.has('silver')
        ? 'No safety car periods.'
        : '',
    'Triangles: pit in/out laps. Drag or scroll to zoom.',
  ].join(' ')
}
