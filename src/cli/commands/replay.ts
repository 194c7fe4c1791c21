/**
 * @module cli/commands/replay
 * `pitwall replay`: an OpenF1-compatible server over recorded or simulated data, until Ctrl-C.
 */
import { resolve } from 'node:path'
import type { Command } from 'commander'
import { parseRateSpec, startReplayServer } from '../../openf1/index.js'
import type { CliContext } from '../context.js'
import { intOption, numberOption } from './openf1-options.js'

interface ReplayFlags {
  data: string
  port?: string
  rate?: string
  faultRate?: string
  seed?: string
  slowMs?: string
  maxRows?: string
}

/** Registers `pitwall replay`. */
export function registerReplay(program: Command, context: () => CliContext): void {
  program
    .command('replay')
    .description('an OpenF1-compatible server (127.0.0.1) over recorded or simulated data')
    .requiredOption(
      '--data <dir>',
      'folder in the layout of ../shared/openf1/v1 (or `pitwall simulate` output)',
    )
    .option('--port <n>', 'port (0 = any free one)', '8000')
    .option(
      '--rate <windows>',
      'answer 429 above these windows, e.g. 3/s,30/min (default: no limit)',
    )
    .option(
      '--fault-rate <p>',
      'share of requests given a fault (5xx, reset, truncated body, slow)',
      '0',
    )
    .option('--seed <n>', 'seed of the fault injection', '1')
    .option('--slow-ms <ms>', 'delay of a slow answer', '1500')
    .option('--max-rows <n>', 'answer 422 when a result would exceed this many records')
    .action(async (flags: ReplayFlags) => {
      const ctx = context()
      const maxRows = intOption(flags.maxRows, '--max-rows', 1)
      const server = await startReplayServer({
        dataDir: resolve(ctx.io.cwd, flags.data),
        port: intOption(flags.port, '--port', 0, 65535) ?? 8000,
        ...(flags.rate === undefined ? {} : { rate: parseRateSpec(flags.rate) }),
        faultRate: numberOption(flags.faultRate, '--fault-rate', 0, 1) ?? 0,
        seed: intOption(flags.seed, '--seed', 0) ?? 1,
        slowMs: intOption(flags.slowMs, '--slow-ms', 0, 600_000) ?? 1500,
        ...(maxRows === undefined ? {} : { maxRows }),
        logger: ctx.logger,
      })
      ctx.emit(
        { url: server.url, port: server.port, data: flags.data },
        `OpenF1 replay at ${server.url} (data ${flags.data}); Ctrl-C to stop`,
      )
      await new Promise<void>((done) => {
        const stop = (): void => {
          process.off('SIGINT', stop)
          process.off('SIGTERM', stop)
          done()
        }
        process.on('SIGINT', stop)
        process.on('SIGTERM', stop)
      })
      await server.close()
      const s = server.stats
      ctx.logger.info(
        `replay stopped: ${s.requests} requests, ${s.served} served, ${s.notFound} not found, ${s.rateLimited} rate-limited`,
      )
    })
}
