/**
 * @module cli/actions/serve
 * `pitwall serve`: builds the concrete pieces (a sandboxed DuckDB whose only reachable files are
 * the lakehouse and a private export folder, the object store factory), opens the governed read
 * path over them, and serves the API until Ctrl-C, `kill`, or the parent process going away. A
 * taken port is one line and exit 2.
 */
import { createAdaptorServer } from '@hono/node-server'
import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { currentEnvironment, environmentsOf, openGovernance } from '../../catalog/index.js'
import { artifactsDir, UsageError } from '../../core/index.js'
import { createApi, DEFAULT_SERVE_LIMITS } from '../../serve/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { PACKAGE_ROOT, packageVersion } from '../paths.js'
import { openDuckDb, storeFor } from '../wiring/adapters.js'
import { listenOrExplain, untilStopped } from '../wiring/server-lifetime.js'

interface ServeFlags {
  port: string
  host: string
  maxRows: string
  timeout: string
  memoryLimit?: string
}

function whole(value: string, flag: string, min: number, max: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got '${value}')`)
  }
  return n
}

/** Runs `pitwall serve`. */
export async function run(ctx: CliContext, { opts }: ActionInput<ServeFlags>): Promise<void> {
  const port = whole(opts.port, '--port', 0, 65535)
  const maxRows = whole(opts.maxRows, '--max-rows', 1, 10_000_000)
  const timeoutMs = whole(opts.timeout, '--timeout', 1, 86_400) * 1000
  const memoryLimit = opts.memoryLimit ?? ctx.io.env['PITWALL_MEMORY_LIMIT'] ?? '2GB'
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) {
    throw new UsageError(`--memory-limit must be a size like 2GB (got '${memoryLimit}')`)
  }
  const config = await ctx.config()
  const defaultCatalog = currentEnvironment(config).catalog
  const exportDir = mkdtempSync(join(tmpdir(), 'pitwall-export-'))
  const duck = await openDuckDb({
    memoryLimit,
    tempDirectory: join(exportDir, 'spill'),
    readConnections: 8,
    sandbox: { allowedDirectories: [ctx.home, exportDir] },
  })
  const limits = { ...DEFAULT_SERVE_LIMITS, maxRows, timeoutMs }
  const governance = await openGovernance({
    base: duck,
    home: ctx.home,
    storeFor,
    environments: environmentsOf(config),
    defaultCatalog,
    limits: { maxRows, timeoutMs },
    refreshEveryMs: 1000,
    resultCache: { maxEntries: 512, maxRows: 5000 },
    // One audit commit every few seconds at most (batches of up to 5000 records in between).
    auditFlushMs: 3000,
    onWarning: (m) => ctx.logger.warn(m),
  })
  const app = createApi({
    reader: governance.reader,
    storage: governance.storage,
    environments: environmentsOf(config),
    defaultCatalog,
    artifactsDir: artifactsDir(ctx.home, config.targetName),
    exportDir,
    webRoot: resolve(PACKAGE_ROOT, 'web', 'dist'),
    limits,
    version: packageVersion(),
    logger: ctx.logger,
  })
  const server = createAdaptorServer({ fetch: app.fetch }) as unknown as Server
  try {
    const bound = await listenOrExplain(server, port, opts.host)
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
    const url = `http://${host}:${bound}`
    ctx.emit(
      {
        url,
        api: `${url}/api`,
        docs: `${url}/api/docs`,
        catalog: defaultCatalog,
        pid: process.pid,
      },
      `pitwall serve: ${url} (API ${url}/api, reference ${url}/api/docs, catalog ${defaultCatalog}); Ctrl-C to stop`,
    )
    const reason = await untilStopped()
    ctx.logger.info(`serve stopped (${reason})`)
  } finally {
    await new Promise<void>((done) => server.close(() => done()))
    await governance.close()
    rmSync(exportDir, { recursive: true, force: true })
  }
}
