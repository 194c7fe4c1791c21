/**
 * @module cli/actions/extract
 * `pitwall extract`: OpenF1 (or a replay server) → `<home>/landing` + manifest. Exit code 1 when
 * any session is incomplete after retries; the summary says exactly what is missing.
 */
import { join } from 'node:path'
import {
  credentialsFromEnv,
  formatRateSpec,
  FREE_TIER_RATE,
  OPENF1_BASE_URL,
  OpenF1Client,
  parseRateSpec,
  runExtraction,
  TokenProvider,
  tokenUrlFor,
} from '../../openf1/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatExtractionSummary } from '../format/extract-summary.js'
import {
  dateOption,
  endpointsOption,
  intOption,
  numberOption,
  urlOption,
} from '../wiring/openf1-options.js'

interface ExtractFlags {
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
  refresh?: boolean
}

/** Runs `pitwall extract`. */
export async function run(
  ctx: CliContext,
  { opts: flags }: ActionInput<ExtractFlags>,
): Promise<void> {
  const rate = flags.rate === undefined ? FREE_TIER_RATE : parseRateSpec(flags.rate)
  const year = intOption(flags.year, '--year', 2018, 2100)
  const endpoints = endpointsOption(flags.endpoints)
  const from = dateOption(flags.from, '--from')
  const to = dateOption(flags.to, '--to')
  const baseUrl = urlOption(flags.baseUrl ?? OPENF1_BASE_URL, '--base-url')
  const credentials = credentialsFromEnv(ctx.io.env)
  const client = new OpenF1Client({
    baseUrl,
    rate,
    concurrency: intOption(flags.concurrency, '--concurrency', 1, 64) ?? 4,
    retry: { attempts: intOption(flags.retries, '--retries', 1, 20) ?? 3 },
    timeoutMs: (numberOption(flags.timeout, '--timeout', 0.1, 3600) ?? 60) * 1000,
    logger: ctx.logger,
    ...(credentials === undefined
      ? {}
      : { tokens: new TokenProvider(credentials, tokenUrlFor(baseUrl)) }),
  })
  ctx.logger.info(
    `extract from ${baseUrl} at ${formatRateSpec(rate)}${credentials === undefined ? '' : ' (authenticated)'}`,
  )
  const result = await runExtraction({
    client,
    landingDir: join(ctx.home, 'landing'),
    criteria: {
      ...(year === undefined ? {} : { year }),
      ...(flags.meeting === undefined ? {} : { meeting: flags.meeting }),
      ...(flags.session === undefined ? {} : { sessions: flags.session }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    },
    ...(endpoints === undefined ? {} : { endpoints }),
    refresh: flags.refresh === true,
    logger: ctx.logger,
    progress: ctx.progress,
  })
  ctx.emit(result, formatExtractionSummary(result))
  if (result.totals.failed > 0) ctx.setExitCode(1)
}
