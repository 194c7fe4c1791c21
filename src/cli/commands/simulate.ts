/**
 * @module cli/commands/simulate
 * `pitwall simulate`: deterministic synthetic OpenF1 data in the layout of `../shared/openf1/v1`,
 * for offline demos and benchmarks; serve it with `pitwall replay --data DIR`.
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { UsageError } from '../../core/index.js'
import { SIM_SESSION_KINDS, simulateSeasons, type SimSessionKind } from '../../openf1/index.js'
import type { CliContext } from '../context.js'
import { collect, intOption, numberOption } from './openf1-options.js'

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

/** Registers `pitwall simulate`. */
export function registerSimulate(program: Command, context: () => CliContext): void {
  program
    .command('simulate')
    .description('synthetic OpenF1 data (deterministic) for offline demos and benchmarks')
    .requiredOption('--seasons <years>', 'seasons to simulate, e.g. 2024 or 2023,2024', collect)
    .option(
      '--meetings <n>',
      'meetings per season, from the start of the calendar (default all 24)',
    )
    .option('--sessions <kinds>', `session kinds: ${SIM_SESSION_KINDS.join(', ')} or all`, 'all')
    .requiredOption('--out <dir>', 'output folder (the layout of ../shared/openf1/v1)')
    .option('--seed <n>', 'seed', '1')
    .option('--telemetry-hz <hz>', 'location/car_data samples per second (the API: ~3.7)', '3.7')
    .option('--no-gzip', 'write plain .json instead of .json.gz')
    .action(async (flags: SimulateFlags) => {
      const ctx = context()
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
    })
}
