/**
 * @module web/pages/pickers
 * Season → meeting → session, side by side (stacked on a phone), each choice a URL:
 * `/seasons/2024/meetings/1239` lists that meeting's sessions; a session opens `/sessions/9550`.
 * With no season in the URL the latest one is chosen.
 */
import type { Meeting, Season, Session } from '../../../src/serve/api-types.js'
import { get, getAll } from '../api/client.js'
import type { PageContext } from '../router.js'
import { navigate } from '../router.js'
import { h, panel, put } from '../ui/dom.js'
import { day } from '../ui/format.js'
import { empty, section } from '../ui/status.js'

function seasonList(seasons: readonly Season[], year: number | undefined): HTMLElement {
  if (seasons.length === 0)
    return empty('No seasons yet: run `pitwall pipeline` (or `npm start` for the demo race).')
  return h(
    'ul',
    { class: 'pick', 'data-testid': 'seasons' },
    seasons.map((s) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `/seasons/${s.year}`, 'aria-current': s.year === year ? 'true' : null },
          String(s.year),
          h(
            'span',
            { class: 'meta' },
            `${s.meetings} meetings · ${s.sessions} sessions · ${s.races} races`,
          ),
        ),
      ),
    ),
  )
}

function meetingList(year: number, meetings: readonly Meeting[], key: number | undefined) {
  if (meetings.length === 0) return empty(`No meetings of ${year} in the warehouse.`)
  return h(
    'ul',
    { class: 'pick', 'data-testid': 'meetings' },
    meetings.map((m) =>
      h(
        'li',
        {},
        h(
          'a',
          {
            href: `/seasons/${year}/meetings/${m.meeting_key}`,
            'aria-current': m.meeting_key === key ? 'true' : null,
          },
          m.meeting_name ?? `Meeting ${m.meeting_key}`,
          h(
            'span',
            { class: 'meta' },
            [m.circuit_short_name ?? m.location, m.country_name, day(m.date_start)]
              .filter(Boolean)
              .join(' · '),
          ),
        ),
      ),
    ),
  )
}

function sessionList(sessions: readonly Session[]): HTMLElement {
  if (sessions.length === 0) return empty('No sessions of this meeting in the warehouse.')
  return h(
    'ul',
    { class: 'pick', 'data-testid': 'sessions' },
    sessions.map((s) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `/sessions/${s.session_key}` },
          s.session_name ?? `Session ${s.session_key}`,
          h(
            'span',
            { class: 'meta' },
            `${s.session_category ?? s.session_type ?? ''} · ${day(s.date_start)} · key ${s.session_key}`,
          ),
        ),
      ),
    ),
  )
}

/** Renders the pickers. */
export async function render(ctx: PageContext): Promise<void> {
  const seasons = (await get('GET /api/seasons', {}, {}, ctx.signal)).items
  const sorted = [...seasons].sort((a, b) => b.year - a.year)
  const year = ctx.params['year'] === undefined ? undefined : Number(ctx.params['year'])
  if (year === undefined && sorted[0] !== undefined) {
    navigate(`/seasons/${sorted[0].year}`, true)
    return
  }
  const meetingKey = ctx.params['meeting'] === undefined ? undefined : Number(ctx.params['meeting'])
  const meetingsHost = h('div')
  const sessionsHost = h('div')
  put(
    ctx.root,
    h('h1', {}, 'Sessions'),
    h('p', { class: 'sub' }, 'Pick a season, a meeting, then a session.'),
    h(
      'div',
      { class: 'grid-3' },
      panel('Season', seasonList(sorted, year)),
      panel(year === undefined ? 'Meetings' : `Meetings of ${year}`, meetingsHost),
      panel('Sessions', sessionsHost),
    ),
  )
  if (year === undefined) return
  await Promise.all([
    section(meetingsHost, async () => {
      const meetings = await getAll('GET /api/meetings', {}, { year }, ctx.signal)
      meetings.sort((a, b) => (a.date_start ?? '').localeCompare(b.date_start ?? ''))
      return meetingList(year, meetings, meetingKey)
    }),
    meetingKey === undefined
      ? Promise.resolve(sessionsHost.append(empty('Choose a meeting.')))
      : section(sessionsHost, async () => {
          const sessions = await getAll(
            'GET /api/sessions',
            {},
            { meeting_key: meetingKey },
            ctx.signal,
          )
          sessions.sort((a, b) => (a.date_start ?? '').localeCompare(b.date_start ?? ''))
          return sessionList(sessions)
        }),
  ])
}
