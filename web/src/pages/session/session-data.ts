/**
 * @module web/pages/session/session-data
 * A session's data as the tabs share it: each route fetched once per session (switching tabs
 * does not fetch again; another session empties the cache), and the drivers' line styles (team
 * colour; the second car of a team dashed, as broadcast graphics do).
 */
import type {
  ApiQueries,
  ApiResponses,
  ApiRoute,
  LeaderboardRow,
  Page,
} from '../../../../src/serve/api-types.js'
import { getAll } from '../../api/client.js'
import { teamColour } from '../../ui/format.js'

let cachedKey: number | undefined
const cache = new Map<string, Promise<unknown>>()

type Item<R extends ApiRoute> = ApiResponses[R] extends Page<infer T> ? T : never
type Query<R extends ApiRoute> = R extends keyof ApiQueries ? ApiQueries[R] : Record<string, never>

/** Every row of a session's paged route, fetched once per session. */
export function sessionRows<R extends ApiRoute>(
  route: R,
  key: number,
  query: Partial<Query<R>> = {},
): Promise<Item<R>[]> {
  if (cachedKey !== key) {
    cache.clear()
    cachedKey = key
  }
  const id = `${route} ${JSON.stringify(query)}`
  let hit = cache.get(id) as Promise<Item<R>[]> | undefined
  if (hit === undefined) {
    hit = getAll(route, { session_key: key }, query) as Promise<Item<R>[]>
    // A failure (denied, offline) is not kept: the next visit asks again.
    hit.catch(() => cache.delete(id))
    cache.set(id, hit)
  }
  return hit
}

/** How a driver is drawn. */
export interface DriverStyle {
  readonly driver_number: number
  readonly label: string
  readonly team: string
  readonly colour: string
  /** The team's second car (dashed lines). */
  readonly second: boolean
}

/** Driver styles from the leaderboard (unknown drivers get grey). */
export function driverStyles(board: readonly LeaderboardRow[]): (n: number) => DriverStyle {
  const seen = new Map<string, number>()
  const styles = new Map<number, DriverStyle>()
  for (const r of [...board].sort((a, b) => a.driver_number - b.driver_number)) {
    const team = r.team_name ?? '?'
    const count = seen.get(team) ?? 0
    seen.set(team, count + 1)
    styles.set(r.driver_number, {
      driver_number: r.driver_number,
      label: r.name_acronym ?? String(r.driver_number),
      team,
      colour: teamColour(r.team_colour),
      second: count > 0,
    })
  }
  return (n) =>
    styles.get(n) ?? {
      driver_number: n,
      label: String(n),
      team: '?',
      colour: '#888888',
      second: false,
    }
}
