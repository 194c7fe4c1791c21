/**
 * @module web/pages/session/session-page
 * One session: a header (event, circuit, date) and tabs — overview (leaderboard, classification),
 * lap times, tyre strategy, gaps and positions, race control and weather (silver grants), track
 * map and telemetry, drivers and teams — each tab its own URL and chunk. A driver has a page of
 * its own (`/sessions/9550/drivers/14`).
 */
import type { Session } from '../../../../src/serve/api-types.js'
import { get } from '../../api/client.js'
import type { PageContext, PageModule } from '../../router.js'
import { h, put } from '../../ui/dom.js'
import { day } from '../../ui/format.js'

interface Tab {
  readonly id: string
  readonly label: string
  /** A layer the tab needs (it is hidden without it). */
  readonly needs?: string
  readonly races?: boolean
  readonly load: () => Promise<PageModule>
}

const TABS: readonly Tab[] = [
  { id: '', label: 'Overview', load: () => import('./overview-tab.js') },
  { id: 'laps', label: 'Lap times', load: () => import('./laps-tab.js') },
  { id: 'strategy', label: 'Tyre strategy', load: () => import('./strategy-tab.js') },
  { id: 'gaps', label: 'Gaps & positions', load: () => import('./gaps-tab.js') },
  {
    id: 'timeline',
    label: 'Race control & weather',
    needs: 'silver',
    load: () => import('./timeline-tab.js'),
  },
  { id: 'track', label: 'Track & telemetry', load: () => import('./track-tab.js') },
  { id: 'drivers', label: 'Drivers & teams', load: () => import('./drivers-tab.js') },
]

function header(s: Session): HTMLElement {
  const meta = [
    s.session_category ?? s.session_type,
    s.circuit_short_name ?? s.location,
    s.country_name,
    day(s.date_start),
    `session ${s.session_key}`,
  ]
    .filter(Boolean)
    .join(' · ')
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'sub', style: 'margin-bottom:2px' },
      h(
        'a',
        { href: s.year === null ? '/' : `/seasons/${s.year}/meetings/${s.meeting_key}` },
        '← Sessions',
      ),
    ),
    h('h1', {}, s.session_label ?? s.session_name ?? `Session ${s.session_key}`),
    h('p', { class: 'sub' }, meta),
  )
}

/** Renders the session page and its tab. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const session = await get('GET /api/sessions/{session_key}', { session_key: key }, {}, ctx.signal)
  const driver = ctx.params['driver']
  const tabId = driver === undefined ? (ctx.params['tab'] ?? '') : 'drivers'
  const tabs = TABS.filter((t) => t.needs === undefined || ctx.access.layers.has(t.needs))
  const tab = tabs.find((t) => t.id === tabId)
  const base = `/sessions/${key}`
  const nav = h(
    'nav',
    { class: 'tabs', 'aria-label': 'Session views' },
    tabs.map((t) =>
      h(
        'a',
        {
          href: t.id === '' ? base : `${base}/${t.id}`,
          'aria-current': t === tab ? 'page' : null,
        },
        t.label,
      ),
    ),
  )
  const body = h('div')
  put(ctx.root, header(session), nav, body)
  if (tab === undefined) {
    body.append(h('p', { class: 'notice' }, 'No such view of this session.'))
    return
  }
  document.title = `${tab.label} · ${session.session_label ?? key} · pitwall`
  const module = driver === undefined ? await tab.load() : await import('./driver-page.js')
  await module.render({
    ...ctx,
    root: body,
    params: { ...ctx.params, is_race: String(session.is_race === true) },
  })
}
