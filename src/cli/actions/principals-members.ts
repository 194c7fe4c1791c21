/**
 * @module cli/actions/principals-members
 * `pitwall principals add-member <group> <member>` and `remove-member`: group membership (a
 * member acts with the group's grants too).
 */
import { findPrincipal, loadDirectory, saveDirectory } from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { openAccessAdmin } from '../wiring/access-admin.js'

/** Runs `pitwall principals add-member` or `remove-member`. */
export async function run(ctx: CliContext, { args, command }: ActionInput): Promise<void> {
  const [group, member] = args.map(String) as [string, string]
  const adding = command.name() === 'add-member'
  const admin = await openAccessAdmin(ctx)
  try {
    const directory = await loadDirectory(admin.storage, admin.identityCatalog)
    if (findPrincipal(directory, group)?.kind !== 'group')
      throw new UsageError(`'${group}' is not a group`)
    if (findPrincipal(directory, member) === undefined)
      throw new UsageError(`unknown principal '${member}'`)
    if (group === member) throw new UsageError('a group cannot contain itself')
    const others = directory.memberships.filter((m) => !(m.group === group && m.member === member))
    await saveDirectory(admin.storage, admin.identityCatalog, {
      principals: directory.principals,
      memberships: adding ? [...others, { group, member }] : others,
    })
    ctx.emit(
      { group, member, member_of: adding },
      adding
        ? `${member} is now a member of ${group}`
        : `${member} is no longer a member of ${group}`,
    )
  } finally {
    await admin.close()
  }
}
