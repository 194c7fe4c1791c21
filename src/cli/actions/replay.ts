/**
 * @module cli/actions/replay
 * `pitwall replay`: an OpenF1-compatible server over recorded or simulated data, until Ctrl-C,
 * `kill`, or the process that started it going away (see `wiring/server-lifetime.ts`).
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { UsageError } from '../../core/index.js'
import { parseRateSpec, startReplayServer } from '../../openf1/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { intOption, numberOption } from '../wiring/openf1-options.js'
import { untilStopped } from '../wiring/server-lifetime.js'

interface ReplayFlags {
  data: string
  port?: string
  rate?: string
  faultRate?: string
  seed?: string
  slowMs?: string
  maxRows?: string
}

/** Runs `pitwall replay`. */
export async function run(
  ctx: CliContext,
  { opts: flags }: ActionInput<ReplayFlags>,
): Promise<void> {
  const dataDir = resolve(ctx.io.cwd, flags.data)
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    throw new UsageError(`--data: ${dataDir} is not a folder`, {
      hint: 'Pass --data with a folder in the layout of ../shared/openf1/v1 (or run `pitwall simulate --out DIR` first).',
    })
  }
  const maxRows = intOption(flags.maxRows, '--max-rows', 1)
  const server = await startReplayServer({
    dataDir,
    port: intOption(flags.port, '--port', 0, 65535) ?? 8000,
    ...(flags.rate === undefined ? {} : { rate: parseRateSpec(flags.rate) }),
    faultRate: numberOption(flags.faultRate, '--fault-rate', 0, 1) ?? 0,
    seed: intOption(flags.seed, '--seed', 0) ?? 1,
    slowMs: intOption(flags.slowMs, '--slow-ms', 0, 600_000) ?? 1500,
    ...(maxRows === undefined ? {} : { maxRows }),
    logger: ctx.logger,
  })
  ctx.emit(
    { url: server.url, port: server.port, data: flags.data, pid: process.pid },
    `OpenF1 replay at ${server.url} (data ${flags.data}); Ctrl-C to stop`,
  )
  const reason = await untilStopped()
  await server.close()
  const s = server.stats
  ctx.logger.info(
    `replay stopped (${reason}): ${s.requests} requests, ${s.served} served, ${s.notFound} not found, ${s.rateLimited} rate-limited`,
  )
}
