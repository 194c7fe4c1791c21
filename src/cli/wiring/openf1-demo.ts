/**
 * @module cli/wiring/openf1-demo
 * The demo's data: a small simulated race weekend in `<demo home>/simulated` (kept between
 * runs), and the replay server that serves it as the OpenF1 API on an ephemeral local port.
 */
import { join } from 'node:path'
import {
  hasSimulation,
  simulateSeasons,
  startReplayServer,
  type ReplayServer,
} from '../../openf1/index.js'
import type { CliContext } from '../context.js'

/**
 * The demo's simulated season: one meeting (qualifying and race) of a seeded 2024, telemetry at
 * 1 Hz instead of the API's 3.7 Hz so that the whole demo (loading included) stays quick; use
 * `pitwall simulate` for full-rate data.
 */
export const DEMO_SEASON = { year: 2024, meetings: 1, seed: 1, telemetryHz: 1 } as const

/** `<home>/simulated`. */
export function simulatedDir(ctx: CliContext): string {
  return join(ctx.home, 'simulated')
}

/** Simulates the weekend unless it is already there; returns a one-line summary. */
export async function runDemoSimulate(ctx: CliContext): Promise<string> {
  const out = simulatedDir(ctx)
  if (hasSimulation(out)) return `already simulated in ${out}`
  const r = await simulateSeasons({
    seasons: [DEMO_SEASON.year],
    meetings: DEMO_SEASON.meetings,
    kinds: ['qualifying', 'race'],
    seed: DEMO_SEASON.seed,
    telemetryHz: DEMO_SEASON.telemetryHz,
    outDir: out,
    progress: ctx.progress,
  })
  const records = Object.values(r.records).reduce((a, b) => a + b, 0)
  return `${r.meetings} meeting, ${r.sessions} sessions (qualifying, race), ${records} records`
}

/** Starts the replay server over the simulated weekend (close it when done). */
export function startDemoReplay(ctx: CliContext): Promise<ReplayServer> {
  return startReplayServer({ dataDir: simulatedDir(ctx), logger: ctx.logger })
}
