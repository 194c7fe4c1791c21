/**
 * The dashboard tests' warehouse: session 9550 (2024 Austrian GP race) from the recordings,
 * extracted by the real extractor from the replay server, loaded with `pitwall load` and built
 * with `pitwall build` (data tests included, so the tests page has results). Location and car
 * data are served for two drivers only (Alonso 14, the fastest lap, and Russell 63): the replay
 * server reads a temp copy of the 9550 files of `../shared/openf1/v1` without the other drivers'
 * telemetry (the replay server indexes regular files only, so copies, not links), which keeps the track map real and the build small.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { OpenF1Client, runExtraction, startReplayServer } from '../../src/openf1/index.js'
import type { NodeResult } from '../../src/transform/index.js'
import { runPitwall } from '../helpers/cli.js'
import { sharedPath } from '../helpers/shared-data.js'
import { ENDPOINTS } from './warehouse-support.js'

/** The session and the drivers whose telemetry is loaded. */
export const SESSION = 9550
export const TELEMETRY_DRIVERS = [14, 63] as const

/** A built lakehouse home (remove it with `cleanup`). */
export interface WebWarehouse {
  readonly home: string
  readonly results: readonly NodeResult[]
  cleanup(): void
}

/** A folder in the recordings' layout with 9550 only, telemetry of {@link TELEMETRY_DRIVERS}. */
function replayFolder(root: string): string {
  const source = sharedPath('openf1', 'v1')
  const dir = join(root, 'openf1')
  mkdirSync(dir, { recursive: true })
  for (const entry of readdirSync(source, { withFileTypes: true })) {
    const from = join(source, entry.name)
    if (entry.isFile()) {
      copyFileSync(from, join(dir, entry.name))
      continue
    }
    mkdirSync(join(dir, entry.name))
    for (const file of readdirSync(from)) {
      if (file.startsWith(`session_key=${SESSION}.`))
        copyFileSync(join(from, file), join(dir, entry.name, file))
      if (file === `session_key=${SESSION}`) {
        mkdirSync(join(dir, entry.name, file))
        for (const n of TELEMETRY_DRIVERS) {
          const name = `driver_number=${n}.json.gz`
          copyFileSync(join(from, file, name), join(dir, entry.name, file, name))
        }
      }
    }
  }
  return dir
}

/** Extracts, loads and builds session 9550 into a new temp home. */
export async function buildWebWarehouse(home?: string): Promise<WebWarehouse> {
  const root = mkdtempSync(join(tmpdir(), 'pitwall-web-'))
  const lakeHome = home ?? join(root, 'home')
  const server = await startReplayServer({ dataDir: replayFolder(root) })
  try {
    const client = new OpenF1Client({ baseUrl: server.url, rate: [], concurrency: 8 })
    const extraction = await runExtraction({
      client,
      landingDir: join(lakeHome, 'landing'),
      criteria: { sessions: [String(SESSION)] },
      endpoints: [...ENDPOINTS, 'location', 'car_data'],
      now: () => new Date('2024-07-01T00:00:00Z'),
    })
    if (extraction.totals.failed > 0)
      throw new Error(`extraction failed: ${JSON.stringify(extraction.totals)}`)
  } finally {
    await server.close()
  }
  const load = runPitwall(['load', '--home', lakeHome, '--json'])
  if (load.code !== 0) throw new Error(`pitwall load exited ${load.code}: ${load.stderr}`)
  const build = runPitwall(['build', '--home', lakeHome, '--json', '--threads', '2'])
  let results: NodeResult[]
  try {
    results = (JSON.parse(build.stdout) as { results?: NodeResult[] }).results ?? []
  } catch {
    throw new Error(`pitwall build exited ${build.code} without JSON: ${build.stderr.slice(-2000)}`)
  }
  return {
    home: lakeHome,
    results,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  }
}
