/**
 * @module cli/wiring/serve-server
 * Starts the API and dashboard (what `pitwall serve` and the demo serve): validates the flags,
 * builds the concrete pieces (a sandboxed DuckDB whose only reachable files are the lakehouse
 * and a private export folder), opens the governed read path over them, and listens. A taken
 * port is one line and exit 2 ({@link listenOrExplain}).
 */
import { createAdaptorServer } from '@hono/node-server'
import { mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { currentEnvironment, environmentsOf, openGovernance } from '../../catalog/index.js'
import { artifactsDir, UsageError } from '../../core/index.js'
import { createApi, DEFAULT_SERVE_LIMITS } from '../../serve/index.js'
import type { CliContext } from '../context.js'
import { PACKAGE_ROOT, packageVersion } from '../paths.js'
import { openDuckDb, storeFor } from './adapters.js'
import { DEFAULT_MEMORY_LIMIT, type ServeFlags } from '../commands/serve.js'
import { listenOrExplain } from './server-lifetime.js'

/** A listening server. */
export interface RunningServer {
  /** `http://host:port` (the port actually bound, also with `--port 0`). */
  readonly url: string
  /** The catalog the API answers for when none is named (the target's). */
  readonly catalog: string
  /** Stops listening and closes the governed reader (flushes the audit log). */
  close(): Promise<void>
}

function whole(value: string, flag: string, min: number, max: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got '${value}')`)
  }
  return n
}

/** Validates the flags and serves the lakehouse at `ctx.home`. @throws UsageError (exit 2) */
export async function startServer(ctx: CliContext, flags: ServeFlags): Promise<RunningServer> {
  const port = whole(flags.port, '--port', 0, 65535)
  const maxRows = whole(flags.maxRows, '--max-rows', 1, 10_000_000)
  const timeoutMs = whole(flags.timeout, '--timeout', 1, 86_400) * 1000
  const memoryLimit =
    flags.memoryLimit ?? ctx.io.env['PITWALL_MEMORY_LIMIT'] ?? DEFAULT_MEMORY_LIMIT
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
    limits: { ...DEFAULT_SERVE_LIMITS, maxRows, timeoutMs },
    version: packageVersion(),
    logger: ctx.logger,
  })
  const server = createAdaptorServer({ fetch: app.fetch }) as unknown as Server
  const close = async (): Promise<void> => {
    await new Promise<void>((done) => server.close(() => done()))
    await governance.close()
    rmSync(exportDir, { recursive: true, force: true })
  }
  let bound: number
  try {
    bound = await listenOrExplain(server, port, flags.host)
  } catch (error) {
    await close()
    throw error
  }
  const host = flags.host.includes(':') ? `[${flags.host}]` : flags.host
  return { url: `http://${host}:${bound}`, catalog: defaultCatalog, close }
}
