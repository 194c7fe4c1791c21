/**
 * @module web/pages/session/driver-page
 * One driver in one session: the summary (best, theoretical best, median, consistency, top
 * speed), every lap coloured by compound beside the teammate's, the teammate delta overall and
 * per sector, and the driver's other sessions in the warehouse.
 */
import type { DriverSummaryRow, LapRow } from '../../../../src/serve/api-types.js'
import { getAll } from '../../api/client.js'
import { chart, legend } from '../../charts/echarts.js'
import { lapTimeAxes } from '../../charts/lap-axes.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { gap, lapTime, num, percent } from '../../ui/format.js'
import { empty, section } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'
import { compoundColour, titleCase } from './driver-cells.js'
import { driverStyles, sessionRows } from './session-data.js'
import { consistencyColumn, paceColumns, theoreticalColumn } from './summary-columns.js'

function card(k: string, v: string): HTMLElement {
  return h('div', { class: 'card' }, h('div', { class: 'k' }, k), h('div', { class: 'v' }, v))
}

function cards(d: DriverSummaryRow, position: number | undefined): HTMLElement {
  return h(
    'div',
    { class: 'cards', 'data-testid': 'driver-cards' },
    card('Leaderboard', position === undefined ? '—' : `P${position}`),
    card('Best lap', lapTime(d.fastest_lap_time)),
    card('Theoretical best', lapTime(d.theoretical_best_lap)),
    card('Median lap', lapTime(d.median_lap_time)),
    card('Consistency (CV)', num(d.consistency_coefficient, 4)),
    card('Valid laps', `${d.valid_laps} / ${d.total_laps} (${percent(d.valid_lap_percentage)})`),
    card('Top speed', `${num(d.top_speed)} km/h`),
    card('Stints · stops', `${d.stints_used} · ${d.pit_stops}`),
  )
}

function teammateTable(d: DriverSummaryRow, m: DriverSummaryRow): HTMLElement {
  const rows: [string, number | null, number | null][] = [
    ['Best lap', d.fastest_lap_time, m.fastest_lap_time],
    ['Theoretical best', d.theoretical_best_lap, m.theoretical_best_lap],
    ['Median lap', d.median_lap_time, m.median_lap_time],
    ['Best sector 1', d.best_sector_1, m.best_sector_1],
    ['Best sector 2', d.best_sector_2, m.best_sector_2],
    ['Best sector 3', d.best_sector_3, m.best_sector_3],
  ]
  return dataTable(
    [
      { label: '', value: (r) => r[0] },
      {
        label: d.name_acronym ?? String(d.driver_number),
        value: (r) => r[1],
        cell: (r) => lapTime(r[1]),
        num: true,
      },
      {
        label: m.name_acronym ?? String(m.driver_number),
        value: (r) => r[2],
        cell: (r) => lapTime(r[2]),
        num: true,
      },
      {
        label: 'Delta',
        value: (r) => (r[1] === null || r[2] === null ? null : r[1] - r[2]),
        cell: (r) => (r[1] === null || r[2] === null ? '—' : gap(r[1] - r[2])),
        num: true,
        title: 'negative: faster than the teammate',
      },
    ],
    rows,
    { sortable: false, testid: 'teammate-delta' },
  )
}

function lapChart(
  ctx: PageContext,
  host: HTMLElement,
  laps: readonly LapRow[],
  mate: readonly LapRow[],
  names: [string, string | undefined],
): void {
  const fastest = Math.min(
    ...laps.map((l) => l.lap_duration ?? Infinity),
    ...mate.map((l) => l.lap_duration ?? Infinity),
  )
  const clip = (v: number | null) => (v === null || v > fastest * 1.12 ? null : v)
  chart(
    ctx,
    host,
    {
      legend: legend(),
      grid: { left: 64, right: 24, top: 40, bottom: 40 },
      ...lapTimeAxes(),
      series: [
        {
          name: names[0],
          type: 'scatter',
          symbolSize: 7,
          data: laps.map((l) => ({
            value: [l.lap_number, clip(l.lap_duration)],
            itemStyle: {
              color: compoundColour(l.compound),
              borderColor: l.is_pit_in_lap || l.is_pit_out_lap ? '#e10600' : undefined,
              borderWidth: 2,
            },
          })),
        },
        names[1] === undefined
          ? null
          : {
              name: `${names[1]} (teammate)`,
              type: 'line',
              showSymbol: false,
              lineStyle: { color: '#8a99a8', width: 1, type: 'dashed' },
              itemStyle: { color: '#8a99a8' },
              data: mate.map((l) => [l.lap_number, clip(l.lap_duration)]),
            },
      ].filter(Boolean),
    },
    `Lap times of ${names[0]} coloured by tyre compound${names[1] ? `, with ${names[1]}'s` : ''}`,
  )
}

/** Renders the driver page. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const n = Number(ctx.params['driver'])
  const [summaries, board] = await Promise.all([
    sessionRows('GET /api/sessions/{session_key}/drivers', key),
    sessionRows('GET /api/sessions/{session_key}/leaderboard', key),
  ])
  const d = summaries.find((s) => s.driver_number === n)
  if (d === undefined) {
    put(ctx.root, empty(`Car ${n} has no laps in this session.`))
    return
  }
  const style = driverStyles(board)
  const mate = summaries.find(
    (s) => s.driver_number !== n && s.team_name !== null && s.team_name === d.team_name,
  )
  const title = `${titleCase(d.full_name ?? String(n))} · #${n} · ${d.team_name ?? ''}`
  document.title = `${d.name_acronym ?? n} · pitwall`
  const chartHost = h('div', { class: 'chart' })
  const others = h('div')
  put(
    ctx.root,
    h('h2', {}, h('span', { class: 'team-bar', style: `background:${style(n).colour}` }), title),
    cards(d, board.find((b) => b.driver_number === n)?.position),
    h(
      'div',
      { class: 'grid-2' },
      panel(
        'Lap times by compound',
        chartHost,
        h(
          'p',
          { class: 'sub' },
          'Red outline: pit in/out laps. Laps over 112% of the fastest are left out.',
        ),
      ),
      panel(
        mate === undefined
          ? 'Teammate'
          : `Teammate delta — vs ${mate.name_acronym ?? mate.driver_number}`,
        mate === undefined ? empty('No teammate in this session.') : teammateTable(d, mate),
      ),
    ),
    panel('Sessions of this driver', others),
  )
  const laps = await sessionRows('GET /api/sessions/{session_key}/laps', key)
  lapChart(
    ctx,
    chartHost,
    laps.filter((l) => l.driver_number === n),
    mate === undefined ? [] : laps.filter((l) => l.driver_number === mate.driver_number),
    [d.name_acronym ?? String(n), mate?.name_acronym ?? undefined],
  )
  await section(others, async () => {
    const rows = await getAll(
      'GET /api/drivers/{driver_number}/sessions',
      { driver_number: n },
      {},
      ctx.signal,
    )
    return dataTable(
      [
        {
          label: 'Session',
          value: (r) => r.session_key,
          cell: (r) =>
            h('a', { href: `/sessions/${r.session_key}/drivers/${n}` }, String(r.session_key)),
          num: true,
        },
        { label: 'Team', value: (r) => r.team_name },
        { label: 'Laps', value: (r) => r.total_laps, num: true },
        ...paceColumns(),
        theoreticalColumn(),
        consistencyColumn(),
      ],
      rows,
    )
  })
}
