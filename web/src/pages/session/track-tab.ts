/**
 * @module web/pages/session/track-tab
 * The track map (one driver's fastest lap from location data, coloured by speed, with the DRS
 * zones) and two drivers compared over distance (speed traces and the time delta), chosen
 * among the drivers whose telemetry the warehouse holds. The choices live in the URL
 * (`?driver=14&a=14&b=63`) so a comparison can be shared.
 */
import type { LeaderboardRow } from '../../../../src/serve/api-types.js'
import { ApiError, get, sql } from '../../api/client.js'
import { drawTelemetry } from '../../charts/telemetry-chart.js'
import { drawTrackMap } from '../../charts/track-map.js'
import type { PageContext } from '../../router.js'
import { h, panel, put, replace } from '../../ui/dom.js'
import { lapTime } from '../../ui/format.js'
import { empty, failure, isAbort, loading } from '../../ui/status.js'
import { driverStyles, sessionRows } from './session-data.js'

/** Drivers with a track_map lap in the session (falls back to the leaderboard's). */
async function driversWithTelemetry(
  key: number,
  board: readonly LeaderboardRow[],
): Promise<number[]> {
  try {
    const r = await sql(
      `select distinct driver_number from gold_analytics.track_map where session_key = ${key} order by 1`,
    )
    const found = r.rows.map((row) => Number(row['driver_number']))
    const rank = new Map(board.map((b) => [b.driver_number, b.position]))
    return found.sort((a, b) => (rank.get(a) ?? 99) - (rank.get(b) ?? 99))
  } catch (error) {
    if (error instanceof ApiError) return board.map((b) => b.driver_number)
    throw error
  }
}

function select(
  id: string,
  label: string,
  drivers: readonly number[],
  name: (n: number) => string,
  value: number | undefined,
) {
  const el = h(
    'select',
    { id },
    drivers.map((n) => h('option', { value: String(n), selected: n === value }, name(n))),
  )
  return { el, label: h('label', { for: id }, label, el) }
}

/** Renders the track tab. */
export async function render(ctx: PageContext): Promise<void> {
  const key = Number(ctx.params['key'])
  const board = await sessionRows('GET /api/sessions/{session_key}/leaderboard', key)
  const drivers = await driversWithTelemetry(key, board)
  if (drivers.length === 0) {
    put(
      ctx.root,
      empty(
        'No location data for this session: extract and load the location and car_data endpoints.',
      ),
    )
    return
  }
  const style = driverStyles(board)
  const lap = new Map(board.map((b) => [b.driver_number, b.fastest_lap_time]))
  const name = (n: number) =>
    `${style(n).label} (#${n})${lap.has(n) ? ` · ${lapTime(lap.get(n))}` : ''}`
  const q = ctx.query
  const pick = (k: string, fallback: number | undefined) => {
    const v = Number(q.get(k))
    return drivers.includes(v) ? v : fallback
  }
  const one = select('map-driver', 'Driver ', drivers, name, pick('driver', drivers[0]))
  const a = select('cmp-a', 'Compare ', drivers, name, pick('a', drivers[0]))
  const b = select('cmp-b', ' with ', drivers, name, pick('b', drivers[1] ?? drivers[0]))
  const mapHost = h('div')
  const speedHost = h('div', { class: 'uplot-host', 'data-testid': 'speed-trace' })
  const deltaHost = h('div', { class: 'uplot-host', 'data-testid': 'delta-trace' })
  const cmpNote = h('p', { class: 'sub' })
  put(
    ctx.root,
    h(
      'div',
      { class: 'grid-2' },
      panel(
        'Track map — fastest lap coloured by speed',
        h('div', { class: 'toolbar' }, one.label),
        mapHost,
      ),
      panel(
        'Speed trace and delta over distance',
        h('div', { class: 'toolbar' }, a.label, b.label),
        speedHost,
        deltaHost,
        cmpNote,
      ),
    ),
  )
  const remember = () => {
    const params = new URLSearchParams({ driver: one.el.value, a: a.el.value, b: b.el.value })
    history.replaceState(null, '', `${location.pathname}?${params}`)
  }
  let mapRun = 0
  const drawMap = async () => {
    const run = ++mapRun
    replace(mapHost, loading())
    try {
      const n = Number(one.el.value)
      const map = await get(
        'GET /api/sessions/{session_key}/track-map',
        { session_key: key },
        { driver_number: n },
        ctx.signal,
      )
      if (run !== mapRun) return
      replace(
        mapHost,
        drawTrackMap(
          map,
          `Track map: ${style(n).label}'s lap ${map.lap_number}, ${map.points.length} points coloured by speed`,
        ),
        h('p', { class: 'sub' }, `${style(n).label}, lap ${map.lap_number}.`),
      )
    } catch (error) {
      if (!isAbort(error)) replace(mapHost, failure(error))
    }
  }
  let leaveCmp: (() => void)[] = []
  ctx.onLeave(() => leaveCmp.forEach((f) => f()))
  let cmpRun = 0
  const drawCompare = async () => {
    const run = ++cmpRun
    leaveCmp.forEach((f) => f())
    leaveCmp = []
    replace(speedHost, loading())
    replace(deltaHost)
    const pair = [Number(a.el.value), Number(b.el.value)]
    try {
      const t = await get(
        'GET /api/sessions/{session_key}/telemetry',
        { session_key: key },
        { drivers: pair.join(',') },
        ctx.signal,
      )
      if (run !== cmpRun) return
      replace(speedHost)
      drawTelemetry(
        { onLeave: (f) => leaveCmp.push(f) },
        speedHost,
        deltaHost,
        t,
        pair.map((n) => ({ label: style(n).label, colour: style(n).colour })),
      )
      const [l1, l2] = t.laps
      cmpNote.textContent = `${style(pair[0] ?? 0).label} lap ${l1?.lap_number ?? '?'} (${lapTime(l1?.lap_duration)}) vs ${style(pair[1] ?? 0).label} lap ${l2?.lap_number ?? '?'} (${lapTime(l2?.lap_duration)}). Distance and delta are derived from positions and timestamps: approximate.`
    } catch (error) {
      if (!isAbort(error)) replace(speedHost, failure(error))
    }
  }
  one.el.addEventListener('change', () => {
    remember()
    void drawMap()
  })
  for (const s of [a.el, b.el])
    s.addEventListener('change', () => {
      remember()
      void drawCompare()
    })
  await Promise.all([drawMap(), drawCompare()])
}
