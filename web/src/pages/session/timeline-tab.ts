/**
 * @module web/pages/session/timeline-tab
 * Race control messages and the weather on one time axis (two stacked charts whose cursors
 * move together), and the messages as a list. Needs silver grants (the tab is hidden without).
 */
import type { RaceControlRow, WeatherRow } from '../../../../src/serve/api-types.js'
import { axisStyle, chart, legend, tooltip } from '../../charts/echarts.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { instant } from '../../ui/format.js'
import { empty } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'
import { sessionRows } from './session-data.js'

const FLAG_COLOURS: Readonly<Record<string, string>> = {
  GREEN: '#2e9e5b',
  CLEAR: '#2e9e5b',
  YELLOW: '#f2c200',
  'DOUBLE YELLOW': '#f29100',
  RED: '#d8453b',
  BLUE: '#3b82f6',
  CHEQUERED: '#9aa4b0',
  'BLACK AND WHITE': '#9aa4b0',
}

function colourOf(r: RaceControlRow): string {
  if (r.is_safety_car === true || r.category === 'SafetyCar') return '#ff8c00'
  return FLAG_COLOURS[(r.flag ?? '').toUpperCase()] ?? '#8a99a8'
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** Renders the timeline. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const [messages, weather] = await Promise.all([
    sessionRows('GET /api/sessions/{session_key}/race-control', key),
    sessionRows('GET /api/sessions/{session_key}/weather', key),
  ])
  if (messages.length === 0 && weather.length === 0) {
    put(ctx.root, empty('No race control messages or weather for this session.'))
    return
  }
  const categories = [...new Set(messages.map((m) => m.category ?? 'Other'))]
  const host = h('div', { class: 'chart tall', 'data-testid': 'timeline-chart' })
  put(
    ctx.root,
    panel('Weather and race control', host),
    panel(
      'Race control messages',
      dataTable(
        [
          { label: 'Time', value: (m) => m.date, cell: (m) => instant(m.date) },
          { label: 'Lap', value: (m) => m.lap_number, num: true },
          { label: 'Category', value: (m) => m.category },
          {
            label: 'Flag',
            value: (m) => m.flag,
            cell: (m) =>
              m.flag === null
                ? '—'
                : h(
                    'span',
                    {},
                    h('span', { class: 'swatch', style: `background:${colourOf(m)}` }),
                    m.flag,
                  ),
          },
          { label: 'Car', value: (m) => m.driver_number, num: true },
          { label: 'Message', value: (m) => m.message },
        ],
        messages,
        { tall: true, testid: 'race-control' },
      ),
    ),
  )
  const w = [...weather].sort((a, b) => a.date.localeCompare(b.date))
  const rain = w.filter((r: WeatherRow) => r.is_raining === true)
  const x = (gridIndex: number) => ({
    type: 'time',
    gridIndex,
    ...axisStyle(),
    splitLine: { show: false },
  })
  chart(
    ctx,
    host,
    {
      legend: legend({ data: ['Air °C', 'Track °C', 'Humidity %'] }),
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      tooltip: tooltip({ trigger: 'item' }),
      grid: [
        { left: 64, right: 56, top: 36, height: '42%' },
        { left: 64, right: 56, top: '62%', bottom: 56 },
      ],
      xAxis: [x(0), x(1)],
      yAxis: [
        { type: 'value', name: '°C', gridIndex: 0, scale: true, ...axisStyle() },
        {
          type: 'value',
          name: '%',
          gridIndex: 0,
          position: 'right',
          min: 0,
          max: 100,
          ...axisStyle(),
          splitLine: { show: false },
        },
        { type: 'category', gridIndex: 1, data: categories, ...axisStyle() },
      ],
      dataZoom: [
        { type: 'inside', xAxisIndex: [0, 1] },
        { type: 'slider', xAxisIndex: [0, 1], height: 18, bottom: 8 },
      ],
      series: [
        {
          name: 'Air °C',
          type: 'line',
          showSymbol: false,
          data: w.map((r) => [r.date, r.air_temperature]),
          tooltip: { trigger: 'axis' },
          markArea:
            rain.length === 0
              ? undefined
              : {
                  itemStyle: { color: 'rgba(59,130,246,0.15)' },
                  data: rain.map((r) => [
                    { xAxis: r.date, name: 'rain' },
                    { xAxis: new Date(Date.parse(r.date) + 60_000).toISOString() },
                  ]),
                },
        },
        {
          name: 'Track °C',
          type: 'line',
          showSymbol: false,
          data: w.map((r) => [r.date, r.track_temperature]),
        },
        {
          name: 'Humidity %',
          type: 'line',
          yAxisIndex: 1,
          showSymbol: false,
          lineStyle: { type: 'dotted' },
          data: w.map((r) => [r.date, r.humidity]),
        },
        {
          name: 'Race control',
          type: 'scatter',
          xAxisIndex: 1,
          yAxisIndex: 2,
          symbolSize: 10,
          tooltip: {
            formatter: (p: { data: { m: RaceControlRow } }) =>
              `${instant(p.data.m.date)}${p.data.m.lap_number === null ? '' : ` · lap ${p.data.m.lap_number}`}<br>${escapeHtml(p.data.m.message ?? '')}`,
          },
          data: messages.map((m) => ({
            value: [m.date, m.category ?? 'Other'],
            itemStyle: { color: colourOf(m) },
            m,
          })),
        },
      ],
    },
    `Weather (${weather.length} samples) and ${messages.length} race control messages on one time axis`,
  )
}
