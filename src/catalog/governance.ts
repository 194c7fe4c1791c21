/**
 * @module catalog/governance
 * Puts the governed read path together over an engine the caller built (the CLI builds a
 * sandboxed DuckDB: external access only to the lakehouse): the lakehouse views, access control,
 * the batched audit log and the {@link GovernedReader}. `pitwall serve` and `pitwall sql --as`
 * both read through what this returns; `close()` writes the last audit records.
 */
import type { Engine, LakehouseEngine } from '../engine/index.js'
import type { ObjectStoreFactory } from '../lake/index.js'
import { AccessControl } from './access-control.js'
import { AuditLog } from './audit-log.js'
import type { Environment } from './environments.js'
import { GovernedReader } from './governed-query.js'
import type { QueryLimits } from './read-context.js'
import { ResultCache, type ResultCacheOptions } from './result-cache.js'
import { createLakehouseEngine } from './lakehouse.js'
import type { CatalogStorage } from './system-tables.js'

/** Options of {@link openGovernance}. */
export interface GovernanceOptions {
  /** The engine reads run on: a sandboxed DuckDB (streaming), built by the composition root. */
  readonly base: Engine
  readonly home: string
  readonly storeFor: ObjectStoreFactory
  /** Every environment served (the target's first). */
  readonly environments: readonly Environment[]
  /** The target's catalog: two-part names, identities, tokens and the audit log live there. */
  readonly defaultCatalog: string
  readonly limits: QueryLimits
  /**
   * Re-check table versions in the background this often (ms); reads then never wait for a sync.
   * Absent: each read checks (a short-lived `pitwall sql`).
   */
  readonly refreshEveryMs?: number
  /** How long grants, principals and tokens are trusted before re-checking (ms, default 1000). */
  readonly accessTtlMs?: number
  /** Write the audit log at least this often (ms, default 1000); records wait in memory till then. */
  readonly auditFlushMs?: number
  /** Keep small results of the API's own reads while their tables' versions stay (serving). */
  readonly resultCache?: ResultCacheOptions
  /** Told about problems that must not fail a read (audit writes, unreadable views). */
  readonly onWarning?: (message: string) => void
}

/** The governed read path and what it is made of. */
export interface Governance {
  readonly reader: GovernedReader
  readonly access: AccessControl
  readonly audit: AuditLog
  readonly lakehouse: LakehouseEngine
  /** Reads and writes the system tables. */
  readonly storage: CatalogStorage
  /** Stops the background refresh, writes the pending audit records, closes the engine. */
  close(): Promise<void>
}

/** Builds the governed read path over `options.base`. */
export async function openGovernance(options: GovernanceOptions): Promise<Governance> {
  const warn = options.onWarning ?? (() => undefined)
  const catalogs = options.environments.map((e) => e.catalog)
  const lakehouse = createLakehouseEngine(options.base, {
    home: options.home,
    catalogs,
    storeFor: options.storeFor,
    ...(options.refreshEveryMs === undefined
      ? {}
      : { minSyncIntervalMs: options.refreshEveryMs * 5 }),
    onViewProblem: (p) => warn(`persisted view not defined: ${p}`),
  })
  await lakehouse.refresh()
  for (const f of lakehouse.lastSyncResult().failed)
    warn(`table ${f.table} is not queryable: ${f.message}`)
  const storage: CatalogStorage = {
    home: options.home,
    storeFor: options.storeFor,
    engine: options.base,
  }
  const access = new AccessControl({
    storage,
    environments: options.environments,
    identityCatalog: options.defaultCatalog,
    ...(options.accessTtlMs === undefined ? {} : { ttlMs: options.accessTtlMs }),
  })
  const audit = new AuditLog({
    storage,
    catalog: options.defaultCatalog,
    ...(options.auditFlushMs === undefined ? {} : { flushIntervalMs: options.auditFlushMs }),
    onError: (e) =>
      warn(
        `audit log write failed (kept for the next batch): ${e instanceof Error ? e.message : String(e)}`,
      ),
  })
  const reader = new GovernedReader({
    engine: lakehouse,
    parser: options.base,
    access,
    audit,
    defaultCatalog: options.defaultCatalog,
    limits: options.limits,
    redact: [options.home],
    ...(options.resultCache === undefined
      ? {}
      : {
          resultCache: new ResultCache(options.resultCache),
          versionOf: (t) => lakehouse.versionOf(`${t.catalog}.${t.schema}.${t.table}`),
          sync: () => lakehouse.refresh(false),
        }),
  })
  let timer: NodeJS.Timeout | undefined
  if (options.refreshEveryMs !== undefined) {
    timer = setInterval(() => {
      lakehouse
        .refresh()
        .catch((e: unknown) => warn(`refreshing the table views failed: ${String(e)}`))
    }, options.refreshEveryMs)
    timer.unref()
  }
  return {
    reader,
    access,
    audit,
    lakehouse,
    storage,
    async close() {
      if (timer !== undefined) clearInterval(timer)
      await audit.close()
      await lakehouse.close()
    },
  }
}
