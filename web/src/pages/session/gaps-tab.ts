/**
 * @module web/pages/session/gaps-tab
 * Gap to the leader per lap (the most asked-for race chart) and position changes per lap
 * (inverted axis, P1 on top), from `gold_analytics.lap_time_progression`.
 */
import type { LapPositionRow } from '../../../../src/serve/api-types.js'
import { axisStyle, chart, legend, tooltip, type ChartOption } from '../../charts/echarts.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { gap } from '../../ui/format.js'
import { empty } from '../../ui/status.js'
import { driverStyles, sessionRows, type DriverStyle } from './session-data.js'

function lines(
  rows: readonly LapPositionRow[],
  order: readonly number[],
  style: (n: number) => DriverStyle,
  value: (r: LapPositionRow) => number | null,
): Record<string, unknown>[] {
  const by = new Map<number, LapPositionRow[]>()
  for (const r of rows) by.set(r.driver_number, [...(by.get(r.driver_number) ?? []), r])
  return order.map((n) => {
    const s = style(n)
    return {
      name: s.label,
      type: 'line',
      showSymbol: false,
      lineStyle: { color: s.colour, width: 1.6, type: s.second ? 'dashed' : 'solid' },
      itemStyle: { color: s.colour },
      endLabel: { show: true, formatter: s.label, color: s.colour, fontSize: 10 },
      data: (by.get(n) ?? [])
        .sort((a, b) => a.lap_number - b.lap_number)
        .map((r) => [r.lap_number, value(r)]),
    }
  })
}

function base(series: Record<string, unknown>[]): ChartOption {
  return {
    legend: legend(),
    grid: { left: 56, right: 48, top: 40, bottom: 56 },
    xAxis: { type: 'value', name: 'Lap', min: 1, minInterval: 1, ...axisStyle() },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series,
  }
}

/** Renders the gaps and positions charts. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const [rows, board] = await Promise.all([
    sessionRows('GET /api/sessions/{session_key}/positions', key),
    sessionRows('GET /api/sessions/{session_key}/leaderboard', key),
  ])
  if (rows.length === 0) {
    put(ctx.root, empty('No lap-by-lap progression for this session.'))
    return
  }
  const style = driverStyles(board)
  // Finishing order: more laps first, then the position on the last lap.
  const last = new Map<number, LapPositionRow>()
  for (const r of rows) {
    const seen = last.get(r.driver_number)
    if (seen === undefined || r.lap_number > seen.lap_number) last.set(r.driver_number, r)
  }
  const order = [...last.values()]
    .sort(
      (a, b) =>
        b.lap_number - a.lap_number || (a.position_at_lap ?? 99) - (b.position_at_lap ?? 99),
    )
    .map((r) => r.driver_number)
  const gapHost = h('div', { class: 'chart tall', 'data-testid': 'gap-chart' })
  const posHost = h('div', { class: 'chart tall', 'data-testid': 'position-chart' })
  put(
    ctx.root,
    panel(
      'Gap to leader per lap',
      gapHost,
      h(
        'p',
        { class: 'sub' },
        'Seconds behind the leader at the end of each lap; click names to hide drivers.',
      ),
    ),
    panel('Position changes', posHost),
  )
  chart(
    ctx,
    gapHost,
    {
      ...base(lines(rows, order, style, (r) => r.gap_to_leader_seconds)),
      tooltip: tooltip({
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? gap(v, 1) : '—'),
      }),
      yAxis: { type: 'value', name: 'Gap (s)', inverse: true, ...axisStyle() },
    },
    'Gap to the leader of each driver per lap',
  )
  chart(
    ctx,
    posHost,
    {
      ...base(lines(rows, order, style, (r) => r.position_at_lap)),
      tooltip: tooltip({
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `P${v}` : '—'),
      }),
      yAxis: {
        type: 'value',
        name: 'Position',
        inverse: true,
        min: 1,
        max: order.length,
        interval: 1,
        ...axisStyle(),
      },
    },
    'Position of each driver per lap',
  )
}
