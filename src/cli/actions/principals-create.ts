/**
 * @module cli/actions/principals-create
 * `pitwall principals create <name> [--kind user|service_principal|group] [--member-of g]`.
 */
import {
  findPrincipal,
  isPrincipalName,
  loadDirectory,
  PRINCIPAL_KINDS,
  saveDirectory,
  type PrincipalKind,
} from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin } from '../wiring/access-admin.js'

/** Runs `pitwall principals create`. */
export async function run(
  ctx: CliContext,
  { args, opts }: ActionInput<{ kind: string; description: string; memberOf?: string[] }>,
): Promise<void> {
  const name = String(args[0])
  if (!isPrincipalName(name)) {
    throw new UsageError(`'${name}' is not a principal name (lower-case letters, digits, _ . - @)`)
  }
  if (!(PRINCIPAL_KINDS as readonly string[]).includes(opts.kind)) {
    throw new UsageError(`--kind must be one of ${PRINCIPAL_KINDS.join(', ')} (got '${opts.kind}')`)
  }
  const admin = await openAccessAdmin(ctx)
  try {
    const directory = await loadDirectory(admin.storage, admin.identityCatalog)
    if (findPrincipal(directory, name) !== undefined) {
      throw new UsageError(`principal '${name}' exists already`)
    }
    const groups = opts.memberOf ?? []
    for (const g of groups) {
      if (findPrincipal(directory, g)?.kind !== 'group') {
        throw new UsageError(`'${g}' is not a group`, {
          hint: 'List groups with `pitwall principals`.',
        })
      }
    }
    await saveDirectory(admin.storage, admin.identityCatalog, {
      principals: [
        ...directory.principals,
        { name, kind: opts.kind as PrincipalKind, description: opts.description },
      ],
      memberships: [...directory.memberships, ...groups.map((group) => ({ group, member: name }))],
    })
    ctx.emit(
      { name, kind: opts.kind, member_of: groups, catalog: admin.identityCatalog },
      `created ${opts.kind} ${name}${groups.length === 0 ? '' : ` (member of ${groups.join(', ')})`}`,
    )
  } finally {
    await admin.close()
  }
}
