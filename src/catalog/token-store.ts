/**
 * @module catalog/token-store
 * Bearer tokens kept in `<catalog>.system.tokens` (the identity catalog, see
 * `identity-store.ts`): created by appending a row (hash only), revoked by setting `revoked_at`,
 * so concurrent creations in several processes never lose one another.
 */
import { sqlString } from '../core/index.js'
import { updateRows } from '../lake/index.js'
import { generateToken, hashToken, type TokenRecord } from './tokens.js'
import {
  readSystemTable,
  systemTableLocation,
  writeSystemTable,
  type CatalogStorage,
} from './system-tables.js'

/** The tokens table's name in the `system` schema. */
export const TOKENS_TABLE = 'tokens'

/** Options of {@link createToken}. */
export interface CreateTokenOptions {
  readonly principal: string
  readonly expiresAt: Date
  readonly comment?: string
  readonly now?: Date
}

/** A token just created: the secret (shown once) and its record. */
export interface CreatedToken {
  readonly token: string
  readonly record: TokenRecord
}

/** Creates a token for a principal in `catalog` and returns it (the only time it is visible). */
export async function createToken(
  storage: CatalogStorage,
  catalog: string,
  options: CreateTokenOptions,
): Promise<CreatedToken> {
  const { token, tokenId } = generateToken()
  const record: TokenRecord = {
    tokenId,
    principal: options.principal,
    tokenHash: hashToken(token),
    createdAt: (options.now ?? new Date()).toISOString(),
    expiresAt: options.expiresAt.toISOString(),
    revokedAt: null,
    comment: options.comment ?? '',
  }
  const sql = `SELECT ${sqlString(record.tokenId)} AS token_id, ${sqlString(record.principal)} AS principal,
    ${sqlString(record.tokenHash)} AS token_hash, ${sqlString(record.createdAt)}::TIMESTAMPTZ AS created_at,
    ${sqlString(record.expiresAt)}::TIMESTAMPTZ AS expires_at, NULL::TIMESTAMPTZ AS revoked_at,
    ${sqlString(record.comment)} AS comment`
  await writeSystemTable(storage, catalog, TOKENS_TABLE, sql, 'append')
  return { token, record }
}

/** Every token record of `catalog` (hashes included: callers never show them). */
export async function loadTokens(storage: CatalogStorage, catalog: string): Promise<TokenRecord[]> {
  const rows = await readSystemTable(
    storage,
    catalog,
    TOKENS_TABLE,
    `token_id, principal, token_hash, strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS created_at,
     strftime(expires_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS expires_at,
     strftime(revoked_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ') AS revoked_at, comment`,
    'created_at, token_id',
  )
  return (rows ?? []).map((r) => ({
    tokenId: String(r['token_id']),
    principal: String(r['principal']),
    tokenHash: String(r['token_hash']),
    createdAt: String(r['created_at']),
    expiresAt: String(r['expires_at']),
    revokedAt: r['revoked_at'] === null ? null : String(r['revoked_at']),
    comment: String(r['comment'] ?? ''),
  }))
}

/** Revokes a token by id. Returns false when no unrevoked token has that id. */
export async function revokeToken(
  storage: CatalogStorage,
  catalog: string,
  tokenId: string,
  now: Date = new Date(),
): Promise<boolean> {
  const records = await loadTokens(storage, catalog)
  if (!records.some((r) => r.tokenId === tokenId && r.revokedAt === null)) return false
  const result = await updateRows({
    store: storage.storeFor(systemTableLocation(storage, catalog, TOKENS_TABLE)),
    executor: storage.engine,
    set: { revoked_at: `${sqlString(now.toISOString())}::TIMESTAMPTZ` },
    predicate: `token_id = ${sqlString(tokenId)} AND revoked_at IS NULL`,
  })
  return result.metrics.numUpdatedRows > 0
}
