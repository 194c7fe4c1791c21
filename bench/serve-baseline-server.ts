/**
 * The serve benchmark's baseline: the smallest useful Hono handler on `@hono/node-server`
 * (a fixed JSON body, the same rows the API answers), in its own process like `pitwall serve`.
 * Prints `{"url": …}` once listening; stops on SIGTERM.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

// The same rows the API answers for one session of the benchmark's leaderboard (same bytes).
const rows = Array.from({ length: 20 }, (_, i) => {
  const d = i + 1
  return {
    session_key: 9512,
    position: d,
    driver_number: d,
    full_name: `Driver ${d}`,
    name_acronym: `D${String(d).padStart(2, '0')}`,
    team_name: `Team ${Math.floor(d / 2)}`,
    team_category: `Team ${Math.floor(d / 2)}`,
    team_colour: '3671C6',
    fastest_lap_time: 65 + d / 10,
    fastest_lap_number: 40,
    fastest_lap_compound: 'SOFT',
    valid_laps: 50,
    delta_to_fastest: d / 10,
    gap_percentage: d / 7,
    gap_to_car_ahead: 0.1,
    is_top_3: d <= 3,
    is_top_10: d <= 10,
    is_fastest_in_team: d % 2 === 1,
  }
})
const app = new Hono().get('/api/sessions/:key/leaderboard', (c) =>
  c.json({ items: rows, limit: 1000, offset: 0, next_offset: null }),
)
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
