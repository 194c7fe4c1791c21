/**
 * @module cli/actions/principals-drop
 * `pitwall principals drop <name>`: removes the principal and its memberships. Its tokens stop
 * working (a token acts as a principal that exists); its grants stay until revoked.
 */
import { findPrincipal, loadDirectory, saveDirectory } from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin } from '../wiring/access-admin.js'

/** Runs `pitwall principals drop`. */
export async function run(ctx: CliContext, { args }: ActionInput): Promise<void> {
  const name = String(args[0])
  const admin = await openAccessAdmin(ctx)
  try {
    const directory = await loadDirectory(admin.storage, admin.identityCatalog)
    if (findPrincipal(directory, name) === undefined) {
      throw new UsageError(`unknown principal '${name}'`, {
        hint: 'List them with `pitwall principals`.',
      })
    }
    await saveDirectory(admin.storage, admin.identityCatalog, {
      principals: directory.principals.filter((p) => p.name !== name),
      memberships: directory.memberships.filter((m) => m.member !== name && m.group !== name),
    })
    ctx.emit(
      { dropped: name },
      `dropped ${name} (its tokens no longer work; revoke its grants with pitwall revoke)`,
    )
  } finally {
    await admin.close()
  }
}
