/**
 * The serving tests' harness: the fixture lakehouse, the governed read path over a sandboxed
 * DuckDB (as `pitwall serve` builds it), tokens for the default principals, the API app, and
 * the audit log as rows.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AUDIT_TABLE,
  createToken,
  openGovernance,
  readSystemTable,
  type Governance,
} from '../../src/catalog/index.js'
import { DuckDbEngine, type ResultRow } from '../../src/engine/index.js'
import { objectStoreFor } from '../../src/lake/index.js'
import {
  createApi,
  DEFAULT_SERVE_LIMITS,
  type Api,
  type ServeLimits,
} from '../../src/serve/index.js'
import { buildServeFixture, DEV, ENVIRONMENTS, type ServeFixture } from './serve-fixture.js'

/** Everything a serving test needs. */
export interface ServeHarness {
  readonly fixture: ServeFixture
  readonly governance: Governance
  readonly app: Api
  /** Bearer tokens of the default principals. */
  readonly tokens: Readonly<Record<'admin' | 'analyst' | 'engineer', string>>
  /** `app.request` with a token (or none). */
  request(
    path: string,
    init?: {
      token?: string | null
      method?: string
      body?: unknown
      raw?: string
      headers?: Record<string, string>
    },
  ): Promise<Response>
  /** Flushes the audit log and returns its rows, oldest first. */
  audit(): Promise<ResultRow[]>
  close(): Promise<void>
}

/** Opens the harness over a new fixture (or `fixture`). */
export async function openServeHarness(
  options: { limits?: Partial<ServeLimits>; fixture?: ServeFixture; memoryLimit?: string } = {},
): Promise<ServeHarness> {
  const fixture = options.fixture ?? (await buildServeFixture())
  const exportDir = mkdtempSync(join(tmpdir(), 'pitwall-export-'))
  const limits = { ...DEFAULT_SERVE_LIMITS, ...options.limits }
  const base = await DuckDbEngine.create({
    threads: 2,
    memoryLimit: options.memoryLimit ?? '1GB',
    readConnections: 4,
    sandbox: { allowedDirectories: [fixture.home, exportDir] },
  })
  const governance = await openGovernance({
    base,
    home: fixture.home,
    storeFor: objectStoreFor,
    environments: ENVIRONMENTS,
    defaultCatalog: DEV,
    limits: { maxRows: limits.maxRows, timeoutMs: limits.timeoutMs },
    resultCache: { maxEntries: 64, maxRows: 5000 },
  })
  const token = async (principal: string) =>
    (
      await createToken(governance.storage, DEV, {
        principal,
        expiresAt: new Date(Date.now() + 86_400_000),
      })
    ).token
  const tokens = {
    admin: await token('admin'),
    analyst: await token('data_analysts'),
    engineer: await token('data_engineers'),
  }
  const app = createApi({
    reader: governance.reader,
    storage: governance.storage,
    environments: ENVIRONMENTS,
    defaultCatalog: DEV,
    artifactsDir: join(fixture.home, 'target', 'dev'),
    exportDir,
    limits,
    version: 'test',
  })
  return {
    fixture,
    governance,
    app,
    tokens,
    request(path, init = {}) {
      const headers: Record<string, string> = { ...init.headers }
      if (init.token !== null && init.token !== undefined)
        headers['Authorization'] = `Bearer ${init.token}`
      let body: string | undefined = init.raw
      if (init.body !== undefined) {
        body = JSON.stringify(init.body)
        headers['Content-Type'] ??= 'application/json'
      }
      return Promise.resolve(
        app.request(path, {
          method: init.method ?? (body === undefined ? 'GET' : 'POST'),
          headers,
          ...(body === undefined ? {} : { body }),
        }),
      )
    },
    async audit() {
      await governance.audit.flush()
      return (
        (await readSystemTable(
          { home: fixture.home, storeFor: objectStoreFor, engine: fixture.engine },
          DEV,
          AUDIT_TABLE,
          '*',
          'event_time, request_id',
        )) ?? []
      )
    },
    async close() {
      await governance.close()
      rmSync(exportDir, { recursive: true, force: true })
      if (options.fixture === undefined) await fixture.cleanup()
    },
  }
}
