/**
 * @module cli/actions/tokens-list
 * `pitwall tokens list [--principal <name>]`: token ids, principals, creation, expiry and
 * revocation — never a token or its hash.
 */
import { loadTokens } from '../../catalog/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatRows } from '../format/sql-format.js'
import { openAccessAdmin } from '../wiring/access-admin.js'

/** Runs `pitwall tokens list`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ principal?: string }>,
): Promise<void> {
  const admin = await openAccessAdmin(ctx)
  try {
    const now = Date.now()
    const rows = (await loadTokens(admin.storage, admin.identityCatalog))
      .filter((t) => opts.principal === undefined || t.principal === opts.principal)
      .map((t) => ({
        token_id: t.tokenId,
        principal: t.principal,
        status:
          t.revokedAt !== null ? 'revoked' : Date.parse(t.expiresAt) <= now ? 'expired' : 'active',
        created_at: t.createdAt,
        expires_at: t.expiresAt,
        revoked_at: t.revokedAt,
        comment: t.comment,
      }))
    ctx.emit(
      rows,
      formatRows(
        ['token_id', 'principal', 'status', 'created_at', 'expires_at', 'comment'],
        rows,
        'table',
      ),
    )
  } finally {
    await admin.close()
  }
}
