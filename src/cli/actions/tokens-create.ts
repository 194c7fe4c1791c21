/**
 * @module cli/actions/tokens-create
 * `pitwall tokens create --principal <name> [--expires-in 90d] [--comment …]`: prints the token
 * once (with `--json`: `{"principal", "token", "expires_at"}`); only its hash is stored.
 */
import { createToken, findPrincipal, loadDirectory } from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin, parseDuration } from '../wiring/access-admin.js'

/** Runs `pitwall tokens create`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ principal: string; expiresIn: string; comment?: string }>,
): Promise<void> {
  const lifetime = parseDuration(opts.expiresIn, '--expires-in')
  const admin = await openAccessAdmin(ctx)
  try {
    const directory = await loadDirectory(admin.storage, admin.identityCatalog)
    if (findPrincipal(directory, opts.principal) === undefined) {
      throw new UsageError(`unknown principal '${opts.principal}'`, {
        hint: 'List principals with `pitwall principals`; add one with `pitwall principals create <name>`.',
      })
    }
    const now = new Date()
    const { token, record } = await createToken(admin.storage, admin.identityCatalog, {
      principal: opts.principal,
      expiresAt: new Date(now.getTime() + lifetime),
      ...(opts.comment === undefined ? {} : { comment: opts.comment }),
      now,
    })
    // stdout is the token alone, so `TOKEN=$(pitwall tokens create …)` works; the note is for people.
    ctx.emit(
      { principal: opts.principal, token, expires_at: record.expiresAt, token_id: record.tokenId },
      token,
    )
    if (!ctx.json) {
      ctx.logger.info(
        `token ${record.tokenId} for ${opts.principal}, expires ${record.expiresAt}; it is shown only now — send it as Authorization: Bearer <token>`,
      )
    }
  } finally {
    await admin.close()
  }
}
