/**
 * @module cli/actions/principals-list
 * `pitwall principals`: every principal with its kind, the groups it belongs to and its members.
 */
import { loadDirectory, principalAndGroups } from '../../catalog/index.js'
import type { CliContext } from '../context.js'
import { formatRows } from '../format/sql-format.js'
import { openAccessAdmin } from '../wiring/access-admin.js'

/** Runs `pitwall principals`. */
export async function run(ctx: CliContext): Promise<void> {
  const admin = await openAccessAdmin(ctx)
  try {
    const directory = await loadDirectory(admin.storage, admin.identityCatalog)
    const rows = directory.principals.map((p) => ({
      name: p.name,
      kind: p.kind,
      member_of: principalAndGroups(directory, p.name).slice(1).join(', '),
      members: directory.memberships
        .filter((m) => m.group === p.name)
        .map((m) => m.member)
        .join(', '),
      description: p.description,
    }))
    ctx.emit(
      { catalog: admin.identityCatalog, principals: rows },
      formatRows(['name', 'kind', 'member_of', 'members', 'description'], rows, 'table'),
    )
  } finally {
    await admin.close()
  }
}
