/**
 * Several seasons on a laptop (issue 16): a synthetic history of `WAREHOUSE_HISTORY_RACES` races
 * (default 70, three simulated seasons of races), loaded and built through the CLI as a user
 * runs it — `pitwall load` and `pitwall build` spawned on the compiled package, startup included,
 * peak resident memory of each process from `/usr/bin/time`.
 *
 * The history grows in steps up to each checkpoint (`WAREHOUSE_HISTORY_CHECKPOINTS`, default
 * 24,48,70): the races before the checkpoint race are extracted, loaded and built together (a
 * season's catch-up build: its time and peak memory), then the checkpoint race alone is added
 * (extract, `pitwall load`, `pitwall build`). The baseline of each checkpoint is the same race
 * extracted, loaded and built into an empty lakehouse in the same run. Both builds are the median
 * of `WAREHOUSE_HISTORY_ROUNDS` (default 3), alternating, each home put back as it was before the
 * build between rounds (a single build varies by ±15 % from run to run on a 2-core machine), and
 * the disk synced before each (see {@link settleDisk}). Goals: adding a race ≤
 * 1.5× building it alone, peak RSS ≤ 2 GB whatever the history, and a no-op rebuild ≤ 2 s.
 * Builds exclude data and unit tests (`--exclude resource_type:test resource_type:unit_test`):
 * `pitwall test` over the whole history is timed once at the end, beside the same tests on the
 * last checkpoint race alone (tests read whole tables, so they grow with history by design).
 *
 * Not timed: the simulation (`simulateSeasons`), extraction from a replay server over the
 * simulated data (the real extractor, no rate limit), compiling the package.
 * WAREHOUSE_BENCH_TELEMETRY_HZ sets the telemetry rate (default the API's 3.7 Hz);
 * WAREHOUSE_HISTORY_SIM=<dir> keeps the simulated races there and reuses them on the next run (the
 * simulation of 70 races takes minutes).
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  hasSimulation,
  OpenF1Client,
  runExtraction,
  simulateSeasons,
  startReplayServer,
} from '../src/openf1/index.js'
import type { Benchmark, Measurement } from './harness.js'
import {
  BUILD_NODES,
  lastRunResults,
  preparedPackage,
  runCli,
  type CliPackage,
  type CliRun,
} from './warehouse-cli.js'

const RACES = Number(process.env['WAREHOUSE_HISTORY_RACES'] ?? 70)
const CHECKPOINTS = [
  ...new Set([
    ...(process.env['WAREHOUSE_HISTORY_CHECKPOINTS'] ?? '24,48,70')
      .split(',')
      .map(Number)
      .filter((n) => Number.isInteger(n) && n >= 1 && n <= RACES),
    RACES,
  ]),
].sort((a, b) => a - b)
const HZ = process.env['WAREHOUSE_BENCH_TELEMETRY_HZ']
const RATIO_GOAL = 1.5
const RSS_GOAL_MIB = 2048
const NOOP_GOAL_SECONDS = 2

/**
 * The first `races` simulated races in date order (seasons from 2023, at most 24 a season). A
 * folder that already holds a simulation is reused as it is (`WAREHOUSE_HISTORY_SIM`).
 */
async function simulate(dir: string, races: number): Promise<number[]> {
  const seasons = Math.ceil(races / 24)
  if (!hasSimulation(dir)) {
    await simulateSeasons({
      seasons: Array.from({ length: seasons }, (_, i) => 2023 + i),
      meetings: Math.ceil(races / seasons),
      kinds: ['race'],
      outDir: dir,
      ...(HZ === undefined ? {} : { telemetryHz: Number(HZ) }),
    })
  }
  const sessions = JSON.parse(readFileSync(join(dir, 'sessions.json'), 'utf8')) as {
    session_key: number
    date_start: string
  }[]
  const keys = sessions
    .sort((a, b) => a.date_start.localeCompare(b.date_start))
    .map((s) => s.session_key)
    .slice(0, races)
  if (keys.length !== races) throw new Error(`simulated ${keys.length} races, need ${races}`)
  return keys
}

type Results = ReturnType<typeof lastRunResults>

/** `name seconds (alone: seconds)` for the slowest nodes of `added`, beside the same nodes alone. */
function slowest(added: Results, aloneRun: Results): string {
  const alone = new Map(aloneRun.map((r) => [r.unique_id, r.execution_time]))
  return [...added]
    .sort((a, b) => b.execution_time - a.execution_time)
    .slice(0, 6)
    .map((r) => {
      const one = alone.get(r.unique_id)
      return `${r.unique_id.split('.').pop()} ${r.execution_time.toFixed(2)}s (alone ${one === undefined ? '?' : one.toFixed(2)}s)`
    })
    .join(', ')
}

/** Progress on stderr, so a long run shows where it is (and its figures so far). */
function note(started: number, text: string): void {
  process.stderr.write(`[${((performance.now() - started) / 60_000).toFixed(1)} min] ${text}\n`)
}

/** Builds per checkpoint (each side): a single build here varies by ±15 % from run to run. */
const ROUNDS = Number(process.env['WAREHOUSE_HISTORY_ROUNDS'] ?? 3)

/** The run with the median wall time. */
function median(runs: readonly CliRun[]): CliRun {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!
}

const secondsOf = (runs: readonly CliRun[]): string =>
  runs.map((r) => r.seconds.toFixed(2)).join(', ')

/**
 * Copies a lakehouse home onto `to` without `landing/` (a build does not read it; `to`'s own
 * landing stays), file times kept. Whatever else `to` held is replaced.
 */
function copyWithoutLanding(home: string, to: string): string {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(to))
    if (entry !== 'landing') rmSync(join(to, entry), { recursive: true, force: true })
  for (const entry of readdirSync(home)) {
    if (entry === 'landing') continue
    cpSync(join(home, entry), join(to, entry), { recursive: true, preserveTimestamps: true })
  }
  return to
}

/**
 * Writes dirty pages back (`sync`) before a timed build. A home just restored by
 * {@link copyWithoutLanding} (1.5 GB at 70 races) was otherwise written back during the build
 * that followed: 1–1.5 s more on the added side only, a cost a user adding a race days after the
 * last build does not pay.
 */
function settleDisk(): void {
  spawnSync('sync')
}

const rss = (r: CliRun): string => (r.peakRssMiB === undefined ? '?' : `${r.peakRssMiB} MiB`)
const cpuOf = (r: CliRun): string => (r.cpuSeconds === undefined ? '?' : r.cpuSeconds.toFixed(1))
/** A process's peak memory and CPU seconds (the steadier figure on a shared machine). */
const figures = (r: CliRun): Record<string, string> => ({ peakRss: rss(r), cpuSeconds: cpuOf(r) })

const benchmark: Benchmark = {
  name: `warehouse: ${RACES}-race history through the CLI, adding a race at ${CHECKPOINTS.join(', ')}`,
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'pitwall-bench-history-'))
    const started = performance.now()
    try {
      const pkg: CliPackage = preparedPackage(join(root, 'package'))
      const sim = process.env['WAREHOUSE_HISTORY_SIM'] ?? join(root, 'sim')
      note(started, `package ${pkg.commit} compiled; simulating ${RACES} races`)
      const sessions = await simulate(sim, RACES)
      note(started, 'simulated')
      const server = await startReplayServer({ dataDir: sim })
      const measurements: Measurement[] = []
      const ratios: string[] = [`package: ${pkg.commit}`]
      const peaks: number[] = []
      try {
        const client = new OpenF1Client({ baseUrl: server.url, rate: [], concurrency: 8 })
        const extract = async (home: string, keys: readonly number[]): Promise<void> => {
          const r = await runExtraction({
            client,
            landingDir: join(home, 'landing'),
            criteria: { sessions: keys.map(String) },
          })
          if (r.totals.failed > 0) throw new Error(`extraction failed for ${keys.join(',')}`)
        }
        const loadAndBuild = async (
          home: string,
          keys: readonly number[],
        ): Promise<{ load: CliRun; build: CliRun }> => {
          await extract(home, keys)
          note(started, `extracted ${keys.length} race(s) into ${home}`)
          const load = await runCli(pkg, home, ['load'])
          note(
            started,
            `load ${load.seconds.toFixed(1)} s, cpu ${cpuOf(load)} s, peak ${rss(load)}`,
          )
          const build = await runCli(pkg, home, BUILD_NODES)
          note(
            started,
            `build ${build.seconds.toFixed(1)} s, cpu ${cpuOf(build)} s, peak ${rss(build)}`,
          )
          for (const r of [load, build]) if (r.peakRssMiB !== undefined) peaks.push(r.peakRssMiB)
          return { load, build }
        }

        /**
         * The checkpoint builds, median of ROUNDS each, alternating so that drift hits both
         * alike: each side is built, put back as it was before its build (from a copy taken first,
         * at the same place with the same file times, so the build's caches see the same home),
         * and built again. The last builds stay.
         */
        const checkpointBuilds = async (
          history: string,
          aloneHome: string,
        ): Promise<{ added: CliRun; alone: CliRun; addedRuns: CliRun[]; aloneRuns: CliRun[] }> => {
          const sides = [history, aloneHome].map((home, i) => ({
            home,
            before: copyWithoutLanding(home, join(root, `before-${i}`)),
            runs: [] as CliRun[],
          }))
          for (let round = 0; round < ROUNDS; round++) {
            for (const side of sides) {
              if (round > 0) copyWithoutLanding(side.before, side.home)
              settleDisk()
              side.runs.push(await runCli(pkg, side.home, BUILD_NODES))
            }
          }
          for (const side of sides) rmSync(side.before, { recursive: true, force: true })
          const [addedRuns, aloneRuns] = sides.map((x) => x.runs) as [CliRun[], CliRun[]]
          for (const r of [...addedRuns, ...aloneRuns])
            if (r.peakRssMiB !== undefined) peaks.push(r.peakRssMiB)
          note(started, `added builds ${secondsOf(addedRuns)} s; alone ${secondsOf(aloneRuns)} s`)
          return { added: median(addedRuns), alone: median(aloneRuns), addedRuns, aloneRuns }
        }

        const history = join(root, 'history')
        let done = 0
        let aloneHome = ''
        for (const cp of CHECKPOINTS) {
          const bulk = sessions.slice(done, cp - 1)
          if (bulk.length > 0) {
            const r = await loadAndBuild(history, bulk)
            measurements.push(
              {
                label: `load races ${done + 1}–${cp - 1} (${bulk.length})`,
                seconds: r.load.seconds,
                extra: figures(r.load),
              },
              {
                label: `build races ${done + 1}–${cp - 1} (${bulk.length})`,
                seconds: r.build.seconds,
                extra: figures(r.build),
              },
            )
          }
          const race = sessions[cp - 1]!
          if (aloneHome !== '') rmSync(aloneHome, { recursive: true, force: true })
          aloneHome = join(root, `alone-${cp}`)
          await extract(history, [race])
          await extract(aloneHome, [race])
          const addedLoad = await runCli(pkg, history, ['load'])
          const aloneLoad = await runCli(pkg, aloneHome, ['load'])
          for (const r of [addedLoad, aloneLoad])
            if (r.peakRssMiB !== undefined) peaks.push(r.peakRssMiB)
          const builds = await checkpointBuilds(history, aloneHome)
          const addedResults = lastRunResults(history)
          const added = { load: addedLoad, build: builds.added }
          const alone = { load: aloneLoad, build: builds.alone }
          measurements.push(
            {
              label: `race ${cp} alone: load (empty lakehouse)`,
              seconds: alone.load.seconds,
              extra: figures(alone.load),
            },
            {
              label: `race ${cp} alone: build (baseline, median of ${ROUNDS})`,
              seconds: alone.build.seconds,
              extra: { ...figures(alone.build), runs: secondsOf(builds.aloneRuns) },
            },
            {
              label: `race ${cp} added to ${cp - 1}: load`,
              seconds: added.load.seconds,
              extra: figures(added.load),
            },
            {
              label: `race ${cp} added to ${cp - 1}: build (median of ${ROUNDS})`,
              seconds: added.build.seconds,
              extra: { ...figures(added.build), runs: secondsOf(builds.addedRuns) },
            },
          )
          const ratio = added.build.seconds / alone.build.seconds
          const loadRatio = added.load.seconds / alone.load.seconds
          const cpuRatio =
            added.build.cpuSeconds === undefined || alone.build.cpuSeconds === undefined
              ? '?'
              : (added.build.cpuSeconds / alone.build.cpuSeconds).toFixed(2)
          ratios.push(
            `race ${cp}: adding it / building it alone = ${ratio.toFixed(2)}× build (goal ≤ ${RATIO_GOAL}×: ${ratio <= RATIO_GOAL ? 'met' : 'not met'}), ${cpuRatio}× build CPU, ${loadRatio.toFixed(2)}× load`,
          )
          ratios.push(
            `race ${cp} slowest nodes when added: ${slowest(addedResults, lastRunResults(aloneHome))}`,
          )
          done = cp
        }
        const noop = await runCli(pkg, history, BUILD_NODES)
        const tests = await runCli(pkg, history, ['test'])
        const testsAlone = await runCli(pkg, aloneHome, ['test'])
        for (const r of [noop, tests, testsAlone])
          if (r.peakRssMiB !== undefined) peaks.push(r.peakRssMiB)
        measurements.push(
          {
            label: `build again, no new data (${RACES} races)`,
            seconds: noop.seconds,
            extra: figures(noop),
          },
          {
            label: `pitwall test, ${RACES} races`,
            seconds: tests.seconds,
            extra: figures(tests),
          },
          {
            label: `pitwall test, race ${RACES} alone`,
            seconds: testsAlone.seconds,
            extra: figures(testsAlone),
          },
        )
        const peak = peaks.length === 0 ? undefined : Math.max(...peaks)
        ratios.push(
          `no-op rebuild of ${RACES} races = ${noop.seconds.toFixed(2)} s as a process, startup included (goal ≤ ${NOOP_GOAL_SECONDS} s: ${noop.seconds <= NOOP_GOAL_SECONDS ? 'met' : 'not met'})`,
          peak === undefined
            ? 'peak RSS: not measured (no /usr/bin/time)'
            : `peak RSS of any load, build or test process = ${peak} MiB (goal ≤ ${RSS_GOAL_MIB} MiB: ${peak <= RSS_GOAL_MIB ? 'met' : 'not met'})`,
          `whole benchmark took ${((performance.now() - started) / 60_000).toFixed(1)} min (simulation and extraction included)`,
        )
        return { name: benchmark.name, measurements, ratios }
      } finally {
        await server.close()
      }
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
}

export default benchmark
