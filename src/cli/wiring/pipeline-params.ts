/**
 * @module cli/wiring/pipeline-params
 * The options of `pitwall pipeline` (the extract options), validated into plain JSON that a run
 * records so `--resume` and the scheduler can rebuild the same stages later.
 */
import { UsageError } from '../../core/index.js'
import {
  FREE_TIER_RATE,
  OPENF1_BASE_URL,
  formatRateSpec,
  parseRateSpec,
} from '../../openf1/index.js'
import { endpointsOption, intOption, numberOption } from './openf1-options.js'

/** Flags as commander parses them. */
export interface PipelineFlags {
  baseUrl?: string
  year?: string
  meeting?: string
  session?: string[]
  from?: string
  to?: string
  endpoints?: string
  rate?: string
  concurrency?: string
  retries?: string
  timeout?: string
  threads?: string
}

/** A run's parameters (JSON, recorded in the run history). */
export interface PipelineParams {
  readonly baseUrl: string
  readonly years: readonly number[]
  readonly meeting?: string
  readonly sessions?: readonly string[]
  readonly from?: string
  readonly to?: string
  readonly endpoints?: readonly string[]
  /** `3/s,30/min`. */
  readonly rate: string
  readonly concurrency: number
  readonly retries: number
  readonly timeoutSeconds: number
  readonly threads?: number
}

/** Validates the flags; `defaultYears` (the project's `vars.seasons`) apply when nothing is selected. */
export function pipelineParams(
  flags: PipelineFlags,
  defaultYears: readonly number[],
): PipelineParams {
  const year = intOption(flags.year, '--year', 2018, 2100)
  const endpoints = endpointsOption(flags.endpoints)
  for (const [name, value] of [
    ['--from', flags.from],
    ['--to', flags.to],
  ] as const) {
    if (value !== undefined && !Number.isFinite(Date.parse(value))) {
      throw new UsageError(`${name} must be a date such as 2024-06-30 (got '${value}')`)
    }
  }
  const selected =
    year !== undefined ||
    flags.meeting !== undefined ||
    (flags.session?.length ?? 0) > 0 ||
    flags.from !== undefined ||
    flags.to !== undefined
  const years = year !== undefined ? [year] : selected ? [] : [...defaultYears]
  if (!selected && years.length === 0) {
    throw new UsageError('say which sessions to run', {
      hint: 'Pass --year 2024, --meeting <name|key>, --session <name|key> or --from/--to (or set vars.seasons in dbt_project.yml).',
    })
  }
  const threads = intOption(flags.threads, '--threads', 1, 64)
  return {
    baseUrl: flags.baseUrl ?? OPENF1_BASE_URL,
    years,
    ...(flags.meeting === undefined ? {} : { meeting: flags.meeting }),
    ...(flags.session === undefined || flags.session.length === 0
      ? {}
      : { sessions: flags.session }),
    ...(flags.from === undefined ? {} : { from: flags.from }),
    ...(flags.to === undefined ? {} : { to: flags.to }),
    ...(endpoints === undefined ? {} : { endpoints }),
    rate: formatRateSpec(flags.rate === undefined ? FREE_TIER_RATE : parseRateSpec(flags.rate)),
    concurrency: intOption(flags.concurrency, '--concurrency', 1, 64) ?? 4,
    retries: intOption(flags.retries, '--retries', 1, 20) ?? 3,
    timeoutSeconds: numberOption(flags.timeout, '--timeout', 0.1, 3600) ?? 60,
    ...(threads === undefined ? {} : { threads }),
  }
}

/** The project's `vars.seasons` (a number or a list of numbers), if any. */
export function seasonsVar(vars: Readonly<Record<string, unknown>>): number[] {
  const v = vars['seasons']
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return list.map(Number).filter((n) => Number.isInteger(n))
}
