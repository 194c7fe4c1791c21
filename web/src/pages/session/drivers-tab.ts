/**
 * @module web/pages/session/drivers-tab
 * Drivers and teams of a session: each driver's laps, pace (best, median, spread), consistency,
 * best sectors (the session's best in purple) and theoretical best lap against the real one;
 * and each team's rank, gap to the fastest team and teammate delta.
 */
import type { DriverSummaryRow, TeamPerformanceRow } from '../../../../src/serve/api-types.js'
import { axisStyle, chart, legend, tooltip } from '../../charts/echarts.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { gap, lapTime, num, percent } from '../../ui/format.js'
import { empty, section } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'
import { driverCell } from './driver-cells.js'
import { sessionRows } from './session-data.js'
import { consistencyColumn, paceColumns, theoreticalColumn } from './summary-columns.js'

function sectorCell(value: number | null, best: number): HTMLElement {
  return h('span', { class: value !== null && value === best ? 'best' : null }, num(value, 3))
}

function driverTable(
  key: number,
  rows: readonly DriverSummaryRow[],
  colours: Map<number, string | null>,
): HTMLElement {
  const best = (f: (r: DriverSummaryRow) => number | null) =>
    Math.min(...rows.map((r) => f(r) ?? Infinity))
  const s1 = best((r) => r.best_sector_1)
  const s2 = best((r) => r.best_sector_2)
  const s3 = best((r) => r.best_sector_3)
  return dataTable(
    [
      {
        label: 'Driver',
        value: (r) => r.name_acronym,
        cell: (r) => driverCell(key, { ...r, team_colour: colours.get(r.driver_number) ?? null }),
      },
      { label: 'Team', value: (r) => r.team_name },
      { label: 'Laps', value: (r) => r.total_laps, num: true },
      {
        label: 'Valid',
        value: (r) => r.valid_lap_percentage,
        cell: (r) => percent(r.valid_lap_percentage),
        num: true,
      },
      ...paceColumns(),
      {
        label: 'Std dev',
        value: (r) => r.stddev_lap_time,
        cell: (r) => num(r.stddev_lap_time, 3),
        num: true,
      },
      consistencyColumn(),
      {
        label: 'S1',
        value: (r) => r.best_sector_1,
        cell: (r) => sectorCell(r.best_sector_1, s1),
        num: true,
      },
      {
        label: 'S2',
        value: (r) => r.best_sector_2,
        cell: (r) => sectorCell(r.best_sector_2, s2),
        num: true,
      },
      {
        label: 'S3',
        value: (r) => r.best_sector_3,
        cell: (r) => sectorCell(r.best_sector_3, s3),
        num: true,
      },
      theoreticalColumn(),
      {
        label: 'Left on track',
        value: (r) =>
          r.fastest_lap_time === null || r.theoretical_best_lap === null
            ? null
            : r.fastest_lap_time - r.theoretical_best_lap,
        cell: (r) =>
          r.fastest_lap_time === null || r.theoretical_best_lap === null
            ? '—'
            : gap(r.fastest_lap_time - r.theoretical_best_lap),
        num: true,
        title: 'best lap minus theoretical best',
      },
      { label: 'Top speed', value: (r) => r.top_speed, cell: (r) => num(r.top_speed), num: true },
      { label: 'Stints', value: (r) => r.stints_used, num: true },
      { label: 'Stops', value: (r) => r.pit_stops, num: true },
    ],
    [...rows].sort((a, b) => (a.fastest_lap_time ?? Infinity) - (b.fastest_lap_time ?? Infinity)),
    { testid: 'driver-summaries' },
  )
}

function drawTeams(
  ctx: PageContext,
  host: HTMLElement,
  sorted: readonly TeamPerformanceRow[],
): void {
  chart(
    ctx,
    host,
    {
      grid: { left: 110, right: 40, top: 30, bottom: 30 },
      legend: legend(),
      tooltip: tooltip({
        trigger: 'axis',
        valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(3)} s` : '—'),
      }),
      xAxis: { type: 'value', name: 's', ...axisStyle() },
      yAxis: {
        type: 'category',
        inverse: true,
        data: sorted.map((t) => t.team_category),
        ...axisStyle(),
        splitLine: { show: false },
      },
      series: [
        {
          name: 'Gap to fastest team',
          type: 'bar',
          data: sorted.map((t) => t.gap_to_fastest_team ?? 0),
          itemStyle: { color: '#7cb8ff' },
        },
        {
          name: 'Teammate delta',
          type: 'bar',
          data: sorted.map((t) => t.intra_team_gap ?? 0),
          itemStyle: { color: '#e10600' },
        },
      ],
    },
    'Gap of each team to the fastest team and the gap between teammates',
  )
}

function teamTable(sorted: readonly TeamPerformanceRow[]): HTMLElement {
  return dataTable(
    [
      { label: 'Rank', value: (t) => t.team_rank, num: true },
      { label: 'Team', value: (t) => t.team_category },
      {
        label: 'Fastest lap',
        value: (t) => t.team_fastest_lap,
        cell: (t) => lapTime(t.team_fastest_lap),
        num: true,
      },
      {
        label: 'Gap',
        value: (t) => t.gap_to_fastest_team,
        cell: (t) => gap(t.gap_to_fastest_team),
        num: true,
      },
      {
        label: 'Avg of best laps',
        value: (t) => t.team_avg_best_lap,
        cell: (t) => lapTime(t.team_avg_best_lap),
        num: true,
      },
      {
        label: 'Teammate delta',
        value: (t) => t.intra_team_gap,
        cell: (t) => num(t.intra_team_gap, 3),
        num: true,
      },
      { label: 'Valid laps', value: (t) => t.team_valid_laps, num: true },
    ],
    sorted,
    { testid: 'teams' },
  )
}

/** Renders the drivers and teams tab. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const driversHost = h('div')
  const teamsHost = h('div')
  const teamChart = h('div', { class: 'chart short' })
  put(
    ctx.root,
    panel('Drivers — pace, consistency, sectors', driversHost),
    panel('Teams — pace and teammate delta', teamChart, teamsHost),
  )
  await Promise.all([
    section(driversHost, async () => {
      const [rows, board] = await Promise.all([
        sessionRows('GET /api/sessions/{session_key}/drivers', key),
        sessionRows('GET /api/sessions/{session_key}/leaderboard', key),
      ])
      if (rows.length === 0) return empty('No driver summaries for this session.')
      return driverTable(key, rows, new Map(board.map((b) => [b.driver_number, b.team_colour])))
    }),
    section(teamsHost, async () => {
      const rows = await sessionRows('GET /api/sessions/{session_key}/teams', key)
      if (rows.length === 0) {
        teamChart.remove()
        return empty('No team results for this session.')
      }
      const sorted = [...rows].sort((a, b) => a.team_rank - b.team_rank)
      drawTeams(ctx, teamChart, sorted)
      return teamTable(sorted)
    }),
  ])
}
