/**
 * @module cli/actions/tokens-revoke
 * `pitwall tokens revoke <token_id>`: the token stops working (a running `pitwall serve` notices
 * within a second).
 */
import { revokeToken } from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin } from '../wiring/access-admin.js'

/** Runs `pitwall tokens revoke`. */
export async function run(ctx: CliContext, { args }: ActionInput): Promise<void> {
  const id = String(args[0])
  const admin = await openAccessAdmin(ctx)
  try {
    if (!(await revokeToken(admin.storage, admin.identityCatalog, id))) {
      throw new UsageError(`no active token '${id}'`, {
        hint: 'List tokens with `pitwall tokens list`.',
      })
    }
    ctx.emit({ revoked: id }, `revoked token ${id}`)
  } finally {
    await admin.close()
  }
}
