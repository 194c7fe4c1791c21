/**
 * @module web/pages/session/strategy-tab
 * Tyre strategy: one bar per stint, by compound, drivers in finishing order (FastF1's
 * `plot_strategy`); the compounds used; every stint with its tyre age and pace; and the pit
 * stops ranked by time in the lane and stationary.
 */
import type { PitStopRow, StintRow } from '../../../../src/serve/api-types.js'
import { axisStyle, chart, tooltip } from '../../charts/echarts.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { lapTime, num } from '../../ui/format.js'
import { empty, section } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'
import { compoundColour, tyre } from './driver-cells.js'
import { sessionRows } from './session-data.js'

interface RenderApi {
  coord(value: [number, number]): [number, number]
  size(value: [number, number]): [number, number]
  value(dim: number): number
  style(): Record<string, unknown>
}

function drawStints(ctx: PageContext, host: HTMLElement, stints: readonly StintRow[]): void {
  const drivers = [...new Map(stints.map((s) => [s.driver_number, s])).values()].sort(
    (a, b) =>
      (a.display_order ?? 99) - (b.display_order ?? 99) || a.driver_number - b.driver_number,
  )
  const index = new Map(drivers.map((d, i) => [d.driver_number, i]))
  const labels = drivers.map((d) => d.name_acronym ?? String(d.driver_number))
  host.style.height = `${Math.max(260, drivers.length * 26 + 70)}px`
  chart(
    ctx,
    host,
    {
      grid: { left: 56, right: 24, top: 16, bottom: 40 },
      tooltip: tooltip({
        formatter: (p: { data: { stint: StintRow } }) => {
          const s = p.data.stint
          return `${s.name_acronym ?? s.driver_number} stint ${s.stint_number}: ${s.compound}<br>laps ${s.lap_start}–${s.lap_end} (${s.stint_laps ?? '?'} laps)<br>tyre age at start ${s.tyre_age_at_start ?? '?'}${s.is_new_tyre ? ' (new)' : ''}`
        },
      }),
      xAxis: {
        type: 'value',
        name: 'Lap',
        min: 0,
        max: Math.max(...stints.map((s) => s.lap_end ?? 0)),
        ...axisStyle(),
      },
      yAxis: {
        type: 'category',
        data: labels,
        inverse: true,
        ...axisStyle(),
        splitLine: { show: false },
      },
      series: [
        {
          type: 'custom',
          encode: { x: [1, 2], y: 0 },
          renderItem: (_: unknown, api: RenderApi) => {
            const y = api.value(0)
            const start = api.coord([api.value(1), y])
            const end = api.coord([api.value(2), y])
            const height = api.size([0, 1])[1] * 0.7
            return {
              type: 'rect',
              shape: {
                x: start[0],
                y: start[1] - height / 2,
                width: Math.max(end[0] - start[0], 1),
                height,
              },
              style: api.style(),
            }
          },
          data: stints
            .filter((s) => s.lap_start !== null && s.lap_end !== null)
            .map((s) => ({
              value: [index.get(s.driver_number) ?? 0, (s.lap_start ?? 1) - 1, s.lap_end ?? 0],
              itemStyle: {
                color: compoundColour(s.compound) || s.compound_colour,
                borderColor: '#000',
                borderWidth: 1,
              },
              stint: s,
            })),
        },
      ],
    },
    `Tyre strategy: ${stints.length} stints of ${drivers.length} drivers`,
  )
}

function compoundsUsed(stints: readonly StintRow[]): HTMLElement {
  const used = [...new Set(stints.map((s) => s.compound))]
  return h(
    'ul',
    {
      class: 'legend-row',
      'data-testid': 'compounds',
      style: 'list-style:none;padding:0;margin:8px 0 0',
    },
    used.map((c) => {
      const laps = stints
        .filter((s) => s.compound === c)
        .reduce((n, s) => n + (s.stint_laps ?? 0), 0)
      return h(
        'li',
        { 'data-compound': c },
        h('span', { class: 'swatch', style: `background:${compoundColour(c)}` }),
        `${c} · ${laps} laps`,
      )
    }),
  )
}

function stintTable(key: number, stints: readonly StintRow[]): HTMLElement {
  return dataTable(
    [
      {
        label: 'Driver',
        value: (s) => s.name_acronym ?? s.driver_number,
        cell: (s) =>
          h(
            'a',
            { href: `/sessions/${key}/drivers/${s.driver_number}` },
            s.name_acronym ?? String(s.driver_number),
          ),
      },
      { label: 'Stint', value: (s) => s.stint_number, num: true },
      {
        label: 'Tyre',
        value: (s) => s.compound,
        cell: (s) => h('span', {}, tyre(s.compound), ' ', s.compound),
      },
      {
        label: 'Laps',
        value: (s) => s.lap_start,
        cell: (s) => `${s.lap_start ?? '?'}–${s.lap_end ?? '?'}`,
        num: true,
      },
      { label: 'Length', value: (s) => s.stint_laps, num: true },
      { label: 'Age at start', value: (s) => s.tyre_age_at_start, num: true },
      {
        label: 'Avg lap',
        value: (s) => s.avg_lap_time,
        cell: (s) => lapTime(s.avg_lap_time),
        num: true,
      },
      {
        label: 'Best lap',
        value: (s) => s.best_lap_time,
        cell: (s) => lapTime(s.best_lap_time),
        num: true,
      },
      {
        label: 'Degradation',
        value: (s) => s.degradation_per_lap,
        cell: (s) =>
          s.degradation_per_lap === null
            ? '—'
            : `${s.degradation_per_lap >= 0 ? '+' : ''}${num(s.degradation_per_lap, 3)} s/lap`,
        num: true,
        title: 'slope of lap time over the stint',
      },
    ],
    stints,
    { testid: 'stints', tall: true },
  )
}

function pitTable(stops: readonly PitStopRow[]): HTMLElement {
  if (stops.length === 0) return empty('No pit stops recorded.')
  return dataTable(
    [
      { label: 'Car', value: (p) => p.driver_number, num: true },
      { label: 'Team', value: (p) => p.team_name },
      { label: 'Lap', value: (p) => p.lap_number, num: true },
      { label: 'Stop', value: (p) => p.stop_number, num: true },
      {
        label: 'Lane (s)',
        value: (p) => p.lane_duration,
        cell: (p) => num(p.lane_duration, 1),
        num: true,
      },
      {
        label: 'Stationary (s)',
        value: (p) => p.stop_duration,
        cell: (p) => num(p.stop_duration, 1),
        num: true,
        title: 'recorded from the 2024 US GP on',
      },
      {
        label: 'Tyres',
        value: (p) => p.compound_after,
        cell: (p) => `${p.compound_before ?? '?'} → ${p.compound_after ?? '?'}`,
      },
    ],
    // Fastest in the lane first, when lane times were recorded; else in lap order.
    [...stops].sort(
      (a, b) =>
        (a.lane_duration ?? Infinity) - (b.lane_duration ?? Infinity) ||
        (a.lap_number ?? 0) - (b.lap_number ?? 0),
    ),
    { tall: true },
  )
}

/** Renders the strategy tab. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const stints = await sessionRows('GET /api/sessions/{session_key}/stints', key)
  if (stints.length === 0) {
    put(ctx.root, empty('No stints in this session.'))
    return
  }
  const host = h('div', { class: 'chart', 'data-testid': 'strategy-chart' })
  const pits = h('div')
  put(
    ctx.root,
    panel('Tyre strategy', host, compoundsUsed(stints)),
    panel('Stints', stintTable(key, stints)),
    panel('Pit stops', pits),
  )
  drawStints(ctx, host, stints)
  await section(pits, async () =>
    pitTable(await sessionRows('GET /api/sessions/{session_key}/pit-stops', key)),
  )
}
