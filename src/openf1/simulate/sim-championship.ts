/**
 * @module openf1/simulate/sim-championship
 * Championship standings across a simulated season: `championship_drivers` and
 * `championship_teams` records after each race or sprint.
 */
import type { Classified } from './sim-results.js'

type Rec = Record<string, unknown>

function ranks(points: ReadonlyMap<string, number>): Map<string, number> {
  const sorted = [...points.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  return new Map(sorted.map(([k], i) => [k, i + 1]))
}

/** Accumulates points over a season. */
export class Championship {
  private readonly drivers = new Map<string, number>()
  private readonly teams = new Map<string, number>()

  /** Adds a race's points; returns the records of that session. */
  score(
    keys: { meeting_key: number; session_key: number },
    classified: readonly Classified[],
  ): { drivers: Rec[]; teams: Rec[] } {
    const startD = new Map(this.drivers)
    const startT = new Map(this.teams)
    for (const c of classified) {
      const d = String(c.run.driver.number)
      this.drivers.set(d, (this.drivers.get(d) ?? 0) + c.points)
      this.teams.set(c.run.driver.team, (this.teams.get(c.run.driver.team) ?? 0) + c.points)
    }
    for (const c of classified) {
      if (!startD.has(String(c.run.driver.number))) startD.set(String(c.run.driver.number), 0)
      if (!startT.has(c.run.driver.team)) startT.set(c.run.driver.team, 0)
    }
    const rs = ranks(startD)
    const rc = ranks(this.drivers)
    const ts = ranks(startT)
    const tc = ranks(this.teams)
    return {
      drivers: [...this.drivers.keys()].map((d) => ({
        ...keys,
        driver_number: Number(d),
        points_current: this.drivers.get(d) ?? 0,
        points_start: startD.get(d) ?? 0,
        position_current: rc.get(d) ?? null,
        position_start: rs.get(d) ?? null,
      })),
      teams: [...this.teams.keys()].map((t) => ({
        ...keys,
        team_name: t,
        points_current: this.teams.get(t) ?? 0,
        points_start: startT.get(t) ?? 0,
        position_current: tc.get(t) ?? null,
        position_start: ts.get(t) ?? null,
      })),
    }
  }
}
