/**
 * The F1 warehouse on a synthetic season (`pitwall simulate`, races only): build 24 races (time
 * and peak memory), then add the 25th race and build again (the incremental cost), then build
 * with nothing new. The baseline of issue 16's goal ("adding a race costs ≤ 1.5× building one race
 * into an empty warehouse") is the same 25th race built alone into an empty lakehouse, in the same
 * run; the nodes that cost most when adding the race are printed beside their one-race cost.
 *
 * The races are the first of 2024 and 2025 simulated seasons, in date order. Bronze is written
 * straight from the simulated JSON (one Delta append per endpoint and batch), because the
 * per-file loader on ~28 M telemetry rows would dominate the run; `warehouse-build.bench.ts`
 * times the real loader. WAREHOUSE_BENCH_RACES sets the size (default 24; the added race is one
 * more), WAREHOUSE_BENCH_TELEMETRY_HZ the telemetry rate (default the API's 3.7 Hz).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simulateSeasons } from '../src/openf1/index.js'
import type { NodeResult } from '../src/transform/index.js'
import { time, type Benchmark, type Measurement } from './harness.js'
import {
  BRONZE_OF,
  openLakehouse,
  recordingFiles,
  runProject,
  warehouseProject,
  withPeakMemory,
  writeBronze,
} from './warehouse-support.js'

const RACES = Number(process.env['WAREHOUSE_BENCH_RACES'] ?? 24)
const HZ = process.env['WAREHOUSE_BENCH_TELEMETRY_HZ']
/** The goal of issue 16: adding a race / building one race into an empty warehouse. */
const GOAL = 1.5

type Lake = Awaited<ReturnType<typeof openLakehouse>>

/** Appends the simulated JSON of `keys` to bronze; returns the number of files. */
async function writeBatch(sim: string, lake: Lake, keys: readonly number[]): Promise<number> {
  let files = 0
  for (const [endpoint, table] of Object.entries(BRONZE_OF)) {
    const list =
      endpoint === 'sessions' || endpoint === 'meetings'
        ? [join(sim, `${endpoint}.json`)]
        : recordingFiles(sim, endpoint, keys)
    if (list.length === 0) continue
    await writeBronze(lake.home, lake.base, table, list)
    files += list.length
  }
  return files
}

/** `name seconds (one race: seconds)` for the slowest nodes of `added`. */
function slowestNodes(added: readonly NodeResult[], alone: readonly NodeResult[]): string[] {
  const aloneTime = new Map(alone.map((r) => [r.unique_id, r.execution_time]))
  return [...added]
    .sort((a, b) => b.execution_time - a.execution_time)
    .slice(0, 10)
    .map((r) => {
      const name = r.unique_id.split('.').pop() ?? r.unique_id
      const one = aloneTime.get(r.unique_id)
      return `${name} ${r.execution_time.toFixed(2)}s (one race ${one === undefined ? '?' : one.toFixed(2)}s)`
    })
}

const benchmark: Benchmark = {
  name: `warehouse: synthetic season, ${RACES} races built, then race ${RACES + 1} added`,
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'pitwall-bench-season-'))
    try {
      const sim = join(root, 'sim')
      // A simulated season has at most 24 meetings: two seasons give the 25th race.
      await simulateSeasons({
        seasons: [2024, 2025],
        meetings: Math.ceil((RACES + 1) / 2),
        kinds: ['race'],
        outDir: sim,
        ...(HZ === undefined ? {} : { telemetryHz: Number(HZ) }),
      })
      const sessions = (
        JSON.parse(readFileSync(join(sim, 'sessions.json'), 'utf8')) as {
          session_key: number
          date_start: string
        }[]
      )
        .sort((a, b) => a.date_start.localeCompare(b.date_start))
        .map((s) => s.session_key)
      const first = sessions.slice(0, RACES)
      const last = sessions.slice(RACES, RACES + 1)
      if (last.length !== 1)
        throw new Error(`simulated ${sessions.length} races, need ${RACES + 1}`)
      const project = warehouseProject()

      // The baseline: the added race alone, into an empty warehouse.
      const single = await openLakehouse(join(root, 'one-race'))
      let alone: Awaited<ReturnType<typeof time<NodeResult[]>>>
      try {
        await writeBatch(sim, single, last)
        alone = await time(() => runProject(single, project, 'nodes'))
      } finally {
        await single.engine.close()
      }
      rmSync(join(root, 'one-race'), { recursive: true, force: true })

      const lake = await openLakehouse(join(root, 'lakehouse'))
      try {
        const bronze = await time(() => writeBatch(sim, lake, first))
        const build = await withPeakMemory(() => time(() => runProject(lake, project, 'nodes')))
        const bronzeLast = await time(() => writeBatch(sim, lake, last))
        const added = await withPeakMemory(() => time(() => runProject(lake, project, 'nodes')))
        const again = await time(() => runProject(lake, project, 'nodes'))
        const laps = await lake.engine.query(
          `select count(*) as laps, count(distinct session_key) as sessions from dev_f1_data_analytics.gold_analytics.fact_laps`,
        )
        const telemetry = await lake.engine.query(
          `select count(*) as n from dev_f1_data_analytics.silver_clean.silver_car_data`,
        )
        const measurements: Measurement[] = [
          {
            label: `pitwall build, race ${RACES + 1} alone (empty warehouse)`,
            seconds: alone.seconds,
          },
          {
            label: `bronze: direct Delta appends (${RACES} races)`,
            seconds: bronze.seconds,
            extra: { files: bronze.value },
          },
          {
            label: `pitwall build, ${RACES} races`,
            seconds: build.value.seconds,
            extra: { peakRssMiB: build.peakMiB, nodes: build.value.value.length },
          },
          {
            label: `bronze: race ${RACES + 1} appended`,
            seconds: bronzeLast.seconds,
            extra: { files: bronzeLast.value },
          },
          {
            label: `pitwall build after adding race ${RACES + 1}`,
            seconds: added.value.seconds,
            extra: {
              peakRssMiB: added.peakMiB,
              ...(laps.rows[0] as Record<string, number>),
              carDataRows: Number(telemetry.rows[0]?.['n']),
            },
          },
          { label: 'pitwall build again (no new data)', seconds: again.seconds },
        ]
        const ratio = added.value.seconds / alone.seconds
        return {
          name: benchmark.name,
          measurements,
          ratios: [
            `adding race ${RACES + 1} / building it alone into an empty warehouse = ${ratio.toFixed(2)}× (goal ≤ ${GOAL}×: ${ratio <= GOAL ? 'met' : 'not met'})`,
            `adding race ${RACES + 1} / building ${RACES} races = ${(added.value.seconds / build.value.seconds).toFixed(3)}× (1/${RACES} = ${(1 / RACES).toFixed(3)})`,
            `no-op rebuild / first build = ${(again.seconds / build.value.seconds).toFixed(3)}×`,
            `slowest nodes when adding race ${RACES + 1}: ${slowestNodes(added.value.value, alone.value).join(', ')}`,
          ],
        }
      } finally {
        await lake.engine.close()
      }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
}

export default benchmark
