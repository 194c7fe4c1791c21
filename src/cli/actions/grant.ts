/**
 * @module cli/actions/grant
 * `pitwall grant <privileges> --on <securable> --to <principal>`: adds the grants to the
 * catalog's `system.grants` (one commit) and says what reading still needs (reading a table takes
 * USE CATALOG + USE SCHEMA + SELECT).
 */
import {
  addGrant,
  checkAccess,
  findPrincipal,
  formatSecurable,
  loadDirectory,
  loadGrants,
  principalAndGroups,
  saveGrants,
  type Grant,
} from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin, parsePrivileges, parseSecurableArg } from '../wiring/access-admin.js'

const key = (g: Grant) => `${g.principal}|${g.privilege}|${formatSecurable(g.on)}`

/** Runs `pitwall grant`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ on: string; to: string }>,
): Promise<void> {
  const privileges = parsePrivileges(String(args[0]))
  const admin = await openAccessAdmin(ctx)
  try {
    const on = parseSecurableArg(opts.on, admin.environments)
    const env = admin.environments.find((e) => e.catalog === on.catalog)!
    const directory = await loadDirectory(admin.storage, admin.identityCatalog)
    if (findPrincipal(directory, opts.to) === undefined) {
      throw new UsageError(`unknown principal '${opts.to}'`, {
        hint: 'List principals with `pitwall principals`; add one with `pitwall principals create <name>`.',
      })
    }
    const before = await loadGrants(admin.storage, env)
    let grants = before
    for (const privilege of privileges)
      grants = addGrant(grants, { principal: opts.to, privilege, on })
    const existing = new Set(before.map(key))
    const added = grants.filter((g) => !existing.has(key(g)))
    const version = added.length === 0 ? null : await saveGrants(admin.storage, on.catalog, grants)
    const target = formatSecurable(on)
    const note = added.length < privileges.length ? ' (some were granted already)' : ''
    ctx.emit(
      { principal: opts.to, on: target, privileges, added: added.map((g) => g.privilege), version },
      `granted ${privileges.join(', ')} on ${target} to ${opts.to}${note}`,
    )
    if (on.schema !== undefined && privileges.some((p) => p === 'SELECT' || p === 'MODIFY')) {
      const who = principalAndGroups(directory, opts.to)
      const probe = { catalog: on.catalog, schema: on.schema, table: on.table ?? 'any_table' }
      const decision = checkAccess(grants, who, 'SELECT', probe)
      if (!decision.allowed && privileges.includes('SELECT')) {
        ctx.logger.warn(
          `${opts.to} cannot read it yet: ${decision.reason.replace(`${opts.to} `, '')}`,
        )
      }
    }
  } finally {
    await admin.close()
  }
}
