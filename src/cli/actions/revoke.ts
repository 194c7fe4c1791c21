/**
 * @module cli/actions/revoke
 * `pitwall revoke <privileges> --on <securable> --from <principal>`: removes grants given on that
 * securable. A privilege inherited from a container stays until it is revoked where it was granted;
 * the command says so.
 */
import {
  findGrant,
  formatSecurable,
  loadGrants,
  removeGrant,
  saveGrants,
} from '../../catalog/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin, parsePrivileges, parseSecurableArg } from '../wiring/access-admin.js'

/** Runs `pitwall revoke`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ on: string; from: string }>,
): Promise<void> {
  const privileges = parsePrivileges(String(args[0]))
  const admin = await openAccessAdmin(ctx)
  try {
    const on = parseSecurableArg(opts.on, admin.environments)
    const env = admin.environments.find((e) => e.catalog === on.catalog)!
    const before = await loadGrants(admin.storage, env)
    let grants = before
    for (const privilege of privileges) {
      grants = removeGrant(grants, { principal: opts.from, privilege, on })
    }
    const removed = before.length - grants.length
    const version = removed === 0 ? null : await saveGrants(admin.storage, on.catalog, grants)
    const target = formatSecurable(on)
    ctx.emit(
      { principal: opts.from, on: target, privileges, removed, version },
      removed === 0
        ? `nothing to revoke: ${opts.from} held none of ${privileges.join(', ')} directly on ${target}`
        : `revoked ${privileges.join(', ')} on ${target} from ${opts.from}`,
    )
    for (const privilege of privileges) {
      const still = findGrant(grants, opts.from, privilege, on)
      if (still !== undefined) {
        ctx.logger.warn(
          `${opts.from} still has ${privilege} on ${target} through ${still.privilege} on ${formatSecurable(still.on)}; revoke it there`,
        )
      }
    }
  } finally {
    await admin.close()
  }
}
