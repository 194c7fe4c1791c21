/**
 * @module cli/actions/simulate
 * `pitwall simulate`: deterministic synthetic OpenF1 data in the layout of `../shared/openf1/v1`,
 * for offline demos and benchmarks; serve it with `pitwall replay --data DIR`.
 */
import { resolve } from 'node:path'
import { UsageError } from '../../core/index.js'
import { SIM_SESSION_KINDS, simulateSeasons, type SimSessionKind } from '../../openf1/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { intOption, numberOption } from '../wiring/openf1-options.js'

interface SimulateFlags {
  seasons: string[]
  meetings?: string
  sessions?: string
  out: string
  seed?: string
  telemetryHz?: string
  gzip: boolean
}

function kindsOption(value: string | undefined): SimSessionKind[] | undefined {
  if (value === undefined || value === 'all') return undefined
  const names = value.split(',').map((v) => v.trim().toLowerCase())
  const bad = names.filter((n) => !(SIM_SESSION_KINDS as readonly string[]).includes(n))
  if (bad.length > 0) {
    throw new UsageError(
      `--sessions: unknown kind(s) ${bad.join(', ')}; choose from ${SIM_SESSION_KINDS.join(', ')} or all`,
    )
  }
  return names as SimSessionKind[]
}

/** Runs `pitwall simulate`. */
export async function run(
  ctx: CliContext,
  { opts: flags }: ActionInput<SimulateFlags>,
): Promise<void> {
  const seasons = flags.seasons.map((y) => intOption(y, '--seasons', 2000, 2100) ?? 0)
  const meetings = intOption(flags.meetings, '--meetings', 1, 24)
  const kinds = kindsOption(flags.sessions)
  const outDir = resolve(ctx.io.cwd, flags.out)
  const result = await simulateSeasons({
    seasons,
    outDir,
    seed: intOption(flags.seed, '--seed', 0) ?? 1,
    gzip: flags.gzip,
    telemetryHz: numberOption(flags.telemetryHz, '--telemetry-hz', 0.05, 50) ?? 3.7,
    ...(meetings === undefined ? {} : { meetings }),
    ...(kinds === undefined ? {} : { kinds }),
    progress: ctx.progress,
  })
  const total = Object.values(result.records).reduce((a, b) => a + b, 0)
  const lines = Object.entries(result.records)
    .sort((a, b) => b[1] - a[1])
    .map(([e, n]) => `  ${e.padEnd(22)} ${String(n).padStart(10)}`)
  ctx.emit(
    result,
    [
      `simulated ${result.meetings} meeting(s), ${result.sessions} session(s): ${result.files} files, ${total} records in ${result.seconds.toFixed(1)} s`,
      ...lines,
      `serve it with: pitwall replay --data ${flags.out}`,
    ].join('\n'),
  )
}
