/**
 * @module cli/wiring/openf1-demo
 * The demo's OpenF1 stages: simulate a small season into `<home>/simulated` (kept between runs),
 * then serve it with the replay server in-process and extract everything into `<home>/landing`.
 */
import { join } from 'node:path'
import {
  hasSimulation,
  OpenF1Client,
  runExtraction,
  simulateSeasons,
  startReplayServer,
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

/** Demo stage: simulate the season unless it is already there. */
export async function runDemoSimulate(ctx: CliContext): Promise<string> {
  const out = simulatedDir(ctx)
  if (hasSimulation(out)) return `already simulated in ${out} (delete it to simulate again)`
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
  return `${r.meetings} meeting(s), ${r.sessions} session(s), ${r.files} files, ${records} records → ${out}`
}

/** Demo stage: replay server on an ephemeral port + extraction of every endpoint into landing/. */
export async function runDemoExtract(ctx: CliContext): Promise<string> {
  const server = await startReplayServer({ dataDir: simulatedDir(ctx), logger: ctx.logger })
  try {
    // The replay server has no rate limit here; a high client limit keeps the demo fast.
    const client = new OpenF1Client({
      baseUrl: server.url,
      rate: [{ limit: 200, windowMs: 1000 }],
      concurrency: 4,
      logger: ctx.logger,
    })
    const result = await runExtraction({
      client,
      landingDir: join(ctx.home, 'landing'),
      criteria: { year: DEMO_SEASON.year },
      logger: ctx.logger,
      progress: ctx.progress,
    })
    const t = result.totals
    const summary = `${t.sessions} session(s) from ${server.url}: ${t.written} file(s) written, ${t.skipped} already complete, ${t.empty} empty; ${t.records} records → ${result.landingDir}`
    if (t.failed > 0) {
      throw new Error(
        `${summary}; ${t.failed} failed: ${result.missing.map((m) => m.unit).join(', ')}`,
      )
    }
    return summary
  } finally {
    await server.close()
  }
}
