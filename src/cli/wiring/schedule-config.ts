/**
 * @module cli/wiring/schedule-config
 * The scheduler's settings: `--delay`, `--poll`, `--cron` on the command line over a YAML file
 * (`--config`, else `schedule.yml` in the project dir when present):
 *
 * ```yaml
 * schedule:
 *   delay: 30m          # after a session's end
 *   poll: 60s           # between ticks
 *   cron: ['0 6 * * 1'] # UTC
 * ```
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { UsageError } from '../../core/index.js'
import type { CliContext } from '../context.js'

const fileSchema = z.object({
  schedule: z
    .object({
      delay: z.union([z.string(), z.number()]).optional(),
      poll: z.union([z.string(), z.number()]).optional(),
      cron: z.array(z.string()).optional(),
    })
    .strict(),
})

/** The resolved settings. */
export interface ScheduleSettings {
  readonly delayMs: number
  readonly pollMs: number
  readonly crons: readonly string[]
  /** The file they came from, if any. */
  readonly file?: string
}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
}

/** Parses `90s`, `30m`, `2h`, `500ms` (a bare number is seconds). @throws UsageError */
export function parseDuration(value: string | number, what: string): number {
  const text = String(value).trim()
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?$/.exec(text)
  if (m === null) {
    throw new UsageError(`${what} must be a duration such as 90s, 30m or 2h (got '${text}')`)
  }
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1000))
}

/** Resolves the settings from flags and the config file. @throws UsageError */
export function scheduleSettings(
  ctx: CliContext,
  flags: { delay?: string; poll?: string; cron?: string[]; config?: string },
): ScheduleSettings {
  const path = flags.config ?? join(ctx.projectDir, 'schedule.yml')
  let fromFile: z.infer<typeof fileSchema>['schedule'] = {}
  if (flags.config !== undefined || existsSync(path)) {
    if (!existsSync(path)) throw new UsageError(`--config: no file ${path}`)
    const parsed = fileSchema.safeParse(parseYaml(readFileSync(path, 'utf8')))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new UsageError(
        `${path}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
        {
          hint: "Expected schedule: {delay: 30m, poll: 60s, cron: ['0 6 * * 1']}.",
        },
      )
    }
    fromFile = parsed.data.schedule
  }
  const delay = flags.delay ?? fromFile.delay ?? '30m'
  const poll = flags.poll ?? fromFile.poll ?? '60s'
  const pollMs = parseDuration(poll, '--poll')
  if (pollMs < 100) throw new UsageError(`--poll must be at least 100ms (got '${poll}')`)
  return {
    delayMs: parseDuration(delay, '--delay'),
    pollMs,
    crons: [...(fromFile.cron ?? []), ...(flags.cron ?? [])],
    ...(existsSync(path) ? { file: path } : {}),
  }
}
