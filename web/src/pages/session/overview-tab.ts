/**
 * @module web/pages/session/overview-tab
 * The leaderboard (best laps ranked, team colours, gap to the fastest and to the car ahead, the
 * tyre of the best lap) and, for races, the classification computed from the laps beside the
 * official one (a differing position is flagged).
 */
import type { LeaderboardRow, RaceResultRow } from '../../../../src/serve/api-types.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { gap, lapTime, num } from '../../ui/format.js'
import { empty, section } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'
import { driverCell, tyre } from './driver-cells.js'
import { sessionRows } from './session-data.js'

function leaderboard(key: number, rows: readonly LeaderboardRow[]): HTMLElement {
  if (rows.length === 0) return empty('No timed laps in this session.')
  return dataTable(
    [
      { label: 'Pos', value: (r) => r.position, num: true },
      {
        label: 'Driver',
        value: (r) => r.name_acronym,
        cell: (r) => driverCell(key, r),
      },
      { label: 'Team', value: (r) => r.team_name },
      {
        label: 'Best lap',
        value: (r) => r.fastest_lap_time,
        cell: (r) =>
          h('span', { class: r.position === 1 ? 'best' : null }, lapTime(r.fastest_lap_time)),
        num: true,
      },
      {
        label: 'Gap',
        value: (r) => r.delta_to_fastest,
        cell: (r) => gap(r.delta_to_fastest),
        num: true,
      },
      {
        label: 'Interval',
        value: (r) => r.gap_to_car_ahead,
        cell: (r) => gap(r.gap_to_car_ahead),
        num: true,
        title: 'to the car ahead on the leaderboard',
      },
      { label: 'Lap', value: (r) => r.fastest_lap_number, num: true },
      {
        label: 'Tyre',
        value: (r) => r.fastest_lap_compound,
        cell: (r) => tyre(r.fastest_lap_compound),
      },
      { label: 'Valid laps', value: (r) => r.valid_laps, num: true },
    ],
    rows,
    {
      testid: 'leaderboard',
      rowAttrs: (r) => ({ 'data-driver': String(r.driver_number) }),
    },
  )
}

function classification(
  key: number,
  rows: readonly RaceResultRow[],
  colours: ReadonlyMap<number, string | null>,
): HTMLElement {
  if (rows.length === 0) return empty('No classification (not a race, or no laps yet).')
  const official = rows.some((r) => r.official_position !== null)
  return h(
    'div',
    {},
    official
      ? null
      : h('p', { class: 'sub' }, 'No official classification was recorded for this session.'),
    dataTable(
      [
        { label: 'Pos', value: (r) => r.position, num: true },
        {
          label: 'Driver',
          value: (r) => r.name_acronym,
          cell: (r) => driverCell(key, { ...r, team_colour: colours.get(r.driver_number) ?? null }),
        },
        { label: 'Team', value: (r) => r.team_name },
        { label: 'Status', value: (r) => r.status },
        { label: 'Laps', value: (r) => r.laps_completed, num: true },
        {
          label: 'Time / gap',
          value: (r) => r.race_time_seconds,
          cell: (r) =>
            r.position === 1
              ? lapTime(r.race_time_seconds)
              : r.laps_behind > 0
                ? `+${r.laps_behind} lap${r.laps_behind > 1 ? 's' : ''}`
                : gap(r.gap_to_winner_seconds),
          num: true,
        },
        { label: 'Pits', value: (r) => r.pit_stops, num: true },
        {
          label: 'Fastest',
          value: (r) => r.fastest_lap_time,
          cell: (r) =>
            h('span', { class: r.has_fastest_lap ? 'best' : null }, lapTime(r.fastest_lap_time)),
          num: true,
        },
        { label: 'Points', value: (r) => r.points, cell: (r) => num(r.points), num: true },
        {
          label: 'Official',
          value: (r) => r.official_position,
          cell: (r) =>
            r.official_position === null
              ? '—'
              : h(
                  'span',
                  {
                    class: r.official_position === r.position ? null : 'badge warn',
                    title:
                      r.official_position === r.position
                        ? 'matches'
                        : 'differs from the computed position',
                  },
                  `P${r.official_position}${r.official_status && r.official_status !== r.status ? ` · ${r.official_status}` : ''}`,
                ),
          num: true,
        },
      ],
      rows,
      { testid: 'classification' },
    ),
  )
}

/** Renders the overview. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const board = h('div')
  const results = h('div')
  put(
    ctx.root,
    panel('Leaderboard — best laps', board),
    ctx.params['is_race'] === 'true'
      ? panel('Classification — computed from laps, beside the official result', results)
      : null,
  )
  await Promise.all([
    section(board, async () =>
      leaderboard(key, await sessionRows('GET /api/sessions/{session_key}/leaderboard', key)),
    ),
    ctx.params['is_race'] === 'true'
      ? section(results, async () => {
          const [rows, board] = await Promise.all([
            sessionRows('GET /api/sessions/{session_key}/results', key),
            sessionRows('GET /api/sessions/{session_key}/leaderboard', key),
          ])
          return classification(
            key,
            rows,
            new Map(board.map((b) => [b.driver_number, b.team_colour])),
          )
        })
      : Promise.resolve(),
  ])
}
