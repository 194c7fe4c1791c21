/**
 * @module catalog/tokens
 * Bearer tokens, pure of storage: `pwt_<id>_<secret>` with a public id (to list and revoke it)
 * and 32 random bytes of secret. Only the SHA-256 of the whole token is ever stored; the token
 * itself is shown once, at creation. Tokens are high-entropy, so a fast hash is enough (no
 * password stretching), and comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A token's stored record (never the token itself). */
export interface TokenRecord {
  /** Public id, also inside the token. */
  readonly tokenId: string
  /** The principal the token acts as. */
  readonly principal: string
  /** Hex SHA-256 of the whole token. */
  readonly tokenHash: string
  /** ISO-8601 instants. */
  readonly createdAt: string
  readonly expiresAt: string
  /** When it was revoked, if it was. */
  readonly revokedAt: string | null
  /** What it is for (free text). */
  readonly comment: string
}

const PREFIX = 'pwt_'
const TOKEN = /^pwt_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/

/** A new token and its public id. */
export function generateToken(): { token: string; tokenId: string } {
  const tokenId = randomBytes(6).toString('hex')
  return { token: `${PREFIX}${tokenId}_${randomBytes(32).toString('base64url')}`, tokenId }
}

/** The hex SHA-256 of a token (what is stored). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** The public id inside a well-formed token, or `undefined` for anything else. */
export function tokenIdOf(token: string): string | undefined {
  return TOKEN.exec(token)?.[1]
}

/** Why a presented token was not accepted (never says more to the client than "invalid"). */
export type TokenRejection = 'malformed' | 'unknown' | 'revoked' | 'expired'

/** Checks `token` against the stored records at `now`: the principal, or why not. */
export function verifyToken(
  records: readonly TokenRecord[],
  token: string,
  now: Date,
): { principal: string; tokenId: string } | { rejected: TokenRejection } {
  const id = tokenIdOf(token)
  if (id === undefined) return { rejected: 'malformed' }
  const record = records.find((r) => r.tokenId === id)
  if (record === undefined) return { rejected: 'unknown' }
  const presented = Buffer.from(hashToken(token), 'hex')
  const stored = Buffer.from(record.tokenHash, 'hex')
  if (stored.length !== presented.length || !timingSafeEqual(stored, presented)) {
    return { rejected: 'unknown' }
  }
  if (record.revokedAt !== null) return { rejected: 'revoked' }
  if (Date.parse(record.expiresAt) <= now.getTime()) return { rejected: 'expired' }
  return { principal: record.principal, tokenId: id }
}
