/**
 * @module catalog/access-control
 * The access control a long-running reader consults on every request: who a token or a name is
 * (the directory: principals and groups), what the grants of each catalog are, and whether an
 * identity may read a set of tables. Everything is read from the `system` tables and reloaded
 * when those change, so `pitwall grant`/`revoke`/`tokens revoke` in another process apply within
 * a second.
 */
import type { Environment } from './environments.js'
import { canUse, type AccessDecision, type Grant, type Securable } from './grants.js'
import { GRANTS_TABLE, loadGrants } from './grants-store.js'
import {
  findPrincipal,
  principalAndGroups,
  type Directory,
  type PrincipalKind,
} from './identity.js'
import { GROUP_MEMBERS_TABLE, loadDirectory, PRINCIPALS_TABLE } from './identity-store.js'
import { checkReadAccess } from './query-access.js'
import type { ReadTable } from './sql-guard.js'
import { SystemTableCache } from './system-table-cache.js'
import type { CatalogStorage } from './system-tables.js'
import { loadTokens, TOKENS_TABLE } from './token-store.js'
import { verifyToken, type TokenRejection } from './tokens.js'

/** A principal a request acts as. */
export interface Identity {
  /** The principal's name. */
  readonly name: string
  readonly kind: PrincipalKind
  /** The name followed by every group it belongs to: what grants are checked against. */
  readonly grantees: readonly string[]
}

/** Options of {@link AccessControl}. */
export interface AccessControlOptions {
  readonly storage: CatalogStorage
  /** Every environment (catalog) served. */
  readonly environments: readonly Environment[]
  /** The catalog whose `system` schema holds principals and tokens (the target's). */
  readonly identityCatalog: string
  /** How long cached tables are trusted before their versions are checked again (ms). */
  readonly ttlMs?: number
}

/** Identities, tokens and grants, cached and kept current. */
export class AccessControl {
  private readonly grants = new Map<string, SystemTableCache<Grant[]>>()
  private readonly directoryCache: SystemTableCache<Directory>
  private readonly tokensCache: SystemTableCache<Awaited<ReturnType<typeof loadTokens>>>
  private readonly verdicts = new Map<string, ReturnType<typeof verifyToken>>()
  private verdictsFor: unknown

  constructor(private readonly options: AccessControlOptions) {
    const { storage, identityCatalog, ttlMs } = options
    for (const env of options.environments) {
      this.grants.set(
        env.catalog,
        new SystemTableCache(
          storage,
          env.catalog,
          [GRANTS_TABLE],
          () => loadGrants(storage, env),
          ttlMs,
        ),
      )
    }
    this.directoryCache = new SystemTableCache(
      storage,
      identityCatalog,
      [PRINCIPALS_TABLE, GROUP_MEMBERS_TABLE],
      () => loadDirectory(storage, identityCatalog),
      ttlMs,
    )
    this.tokensCache = new SystemTableCache(
      storage,
      identityCatalog,
      [TOKENS_TABLE],
      () => loadTokens(storage, identityCatalog),
      ttlMs,
    )
  }

  /** The catalogs served, in environment order. */
  get catalogs(): readonly string[] {
    return this.options.environments.map((e) => e.catalog)
  }

  /** The grants in force for `catalog` (none for a catalog that is not served). */
  async grantsOf(catalog: string): Promise<readonly Grant[]> {
    return (await this.grants.get(catalog)?.get()) ?? []
  }

  /** The directory in force. */
  directory(): Promise<Directory> {
    return this.directoryCache.get()
  }

  /** The identity of principal `name`, or `undefined` when the directory does not know it. */
  async identify(name: string): Promise<Identity | undefined> {
    const directory = await this.directory()
    const principal = findPrincipal(directory, name)
    if (principal === undefined) return undefined
    return { name, kind: principal.kind, grantees: principalAndGroups(directory, name) }
  }

  /** The identity a bearer token acts as, or why it is refused. */
  async authenticate(
    token: string,
    now: Date = new Date(),
  ): Promise<
    { identity: Identity; tokenId: string } | { rejected: TokenRejection | 'no-principal' }
  > {
    const records = await this.tokensCache.get()
    // Hashing on every request costs more than the rest of auth: remember recent verdicts for
    // the records they were made against (a reload of the tokens table starts afresh).
    if (this.verdictsFor !== records) {
      this.verdicts.clear()
      this.verdictsFor = records
    }
    let verdict = this.verdicts.get(token)
    if (verdict === undefined) {
      verdict = verifyToken(records, token, now)
      if (this.verdicts.size >= 1000) this.verdicts.clear()
      this.verdicts.set(token, verdict)
    }
    if ('principal' in verdict) {
      const expires = records.find((r) => r.tokenId === verdict.tokenId)?.expiresAt
      if (expires !== undefined && Date.parse(expires) <= now.getTime()) {
        return { rejected: 'expired' }
      }
    }
    if ('rejected' in verdict) return verdict
    const identity = await this.identify(verdict.principal)
    // A token outlives nothing: once its principal is dropped, it stops working.
    if (identity === undefined) return { rejected: 'no-principal' }
    return { identity, tokenId: verdict.tokenId }
  }

  /** May `identity` read every table of `tables`? */
  canRead(identity: Identity, tables: readonly ReadTable[]): Promise<AccessDecision> {
    return checkReadAccess(tables, identity.grantees, (c) => this.grantsOf(c))
  }

  /** May `identity` see a catalog or schema (USE CATALOG, and USE SCHEMA for a schema)? */
  async canUse(identity: Identity, on: Securable): Promise<boolean> {
    return canUse(await this.grantsOf(on.catalog), identity.grantees, on)
  }

  /** Forgets every cached table (after this process changed them). */
  invalidate(): void {
    for (const cache of this.grants.values()) cache.invalidate()
    this.directoryCache.invalidate()
    this.tokensCache.invalidate()
  }
}
