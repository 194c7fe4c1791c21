/**
 * @module cli/commands/extract
 * `pitwall extract`: OpenF1 (or a replay server) → `<home>/landing` + manifest. Exit code 1 when
 * any session is incomplete after retries; the summary says exactly what is missing.
 */
import { join } from 'node:path'
import type { Command } from 'commander'
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
  type ExtractionResult,
} from '../../openf1/index.js'
import type { CliContext } from '../context.js'
import { collect, endpointsOption, intOption, numberOption } from './openf1-options.js'

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

/** Renders the summary table and what is missing. */
export function formatExtractionSummary(result: ExtractionResult): string {
  const rows = result.sessions.map((s) => {
    const n = (status: string): number => s.units.filter((u) => u.status === status).length
    const records = s.units.reduce((sum, u) => sum + u.records, 0)
    return [
      s.label,
      s.status,
      String(n('complete')),
      String(n('skipped')),
      String(n('empty')),
      String(n('failed')),
      String(records),
    ]
  })
  const header = ['session', 'status', 'written', 'skipped', 'empty', 'failed', 'records']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
  const t = result.totals
  const out = [line(header), ...rows.map(line), '']
  for (const s of result.sessions)
    for (const note of s.notes) out.push(`note: session ${s.sessionKey}: ${note}`)
  out.push(
    `${t.sessions} session(s), ${t.written} file(s) written, ${t.skipped} already complete, ${t.empty} empty, ${t.failed} failed; ${t.records} records; ${t.requests} requests, ${t.retries} retries, ${t.rateLimited} rate-limited; ${t.seconds.toFixed(1)} s`,
    `landing zone: ${result.landingDir}`,
  )
  if (result.missing.length > 0) {
    out.push('', `missing (${result.missing.length}), re-run the same command to fetch them:`)
    for (const m of result.missing) out.push(`  ${m.unit}: ${m.error}`)
  }
  return out.join('\n')
}

/** Registers `pitwall extract`. */
export function registerExtract(program: Command, context: () => CliContext): void {
  program
    .command('extract')
    .description('OpenF1 → landing zone (JSON files + manifest): rate-limited, retried, resumable')
    .option(
      '--base-url <url>',
      `API base URL (default ${OPENF1_BASE_URL}; a pitwall replay server's URL works)`,
    )
    .option('--year <year>', 'season, e.g. 2024')
    .option('--meeting <name|key>', 'meeting key, or part of its name, country or location')
    .option(
      '--session <name|key>',
      'session key or name (Race, Qualifying, …); repeatable',
      collect,
    )
    .option('--from <date>', 'sessions starting on or after this date')
    .option('--to <date>', 'sessions starting on or before this date')
    .option('--endpoints <list>', 'endpoints to extract, comma-separated, or all', 'all')
    .option(
      '--rate <windows>',
      'request rate windows, e.g. 3/s,30/min (free tier) or 6/s,60/min',
      '3/s,30/min',
    )
    .option('--concurrency <n>', 'requests in flight at once', '4')
    .option('--retries <n>', 'attempts per request, the first included', '3')
    .option('--timeout <seconds>', 'per-request timeout', '60')
    .option('--refresh', 'fetch again what is already complete in the landing zone')
    .action(async (flags: ExtractFlags) => {
      const ctx = context()
      const rate = flags.rate === undefined ? FREE_TIER_RATE : parseRateSpec(flags.rate)
      const year = intOption(flags.year, '--year', 2018, 2100)
      const endpoints = endpointsOption(flags.endpoints)
      const baseUrl = flags.baseUrl ?? OPENF1_BASE_URL
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
          ...(flags.from === undefined ? {} : { from: flags.from }),
          ...(flags.to === undefined ? {} : { to: flags.to }),
        },
        ...(endpoints === undefined ? {} : { endpoints }),
        refresh: flags.refresh === true,
        logger: ctx.logger,
        progress: ctx.progress,
      })
      ctx.emit(result, formatExtractionSummary(result))
      if (result.totals.failed > 0) ctx.setExitCode(1)
    })
}
