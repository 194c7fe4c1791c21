/**
 * @module cli/actions/show-grants
 * `pitwall show grants [--on <securable>] [--principal <name>]`: the grants in force, as Unity
 * Catalog's `SHOW GRANTS`: on a securable, the grants on it and on its containers (which it
 * inherits); of a principal, those it holds directly or through its groups.
 */
import {
  covers,
  formatSecurable,
  loadDirectory,
  loadGrants,
  principalAndGroups,
  type Grant,
} from '../../catalog/index.js'
import type { ActionInput } from '../command-spec.js'
import type { CliContext } from '../context.js'
import { formatRows } from '../format/sql-format.js'
import { openAccessAdmin, parseSecurableArg } from '../wiring/access-admin.js'

/** Runs `pitwall show grants`. */
export async function run(
  ctx: CliContext,
  { opts }: ActionInput<{ on?: string; principal?: string }>,
): Promise<void> {
  const admin = await openAccessAdmin(ctx)
  try {
    const on = opts.on === undefined ? undefined : parseSecurableArg(opts.on, admin.environments)
    const who =
      opts.principal === undefined
        ? undefined
        : principalAndGroups(
            await loadDirectory(admin.storage, admin.identityCatalog),
            opts.principal,
          )
    const rows: { principal: string; privilege: string; on: string; inherited_by: string }[] = []
    for (const env of admin.environments) {
      if (on !== undefined && on.catalog !== env.catalog) continue
      for (const g of await loadGrants(admin.storage, env)) {
        if (on !== undefined && !covers(g.on, on)) continue
        if (who !== undefined && !who.includes(g.principal)) continue
        rows.push(row(g, on === undefined ? undefined : formatSecurable(on)))
      }
    }
    ctx.emit(rows, formatRows(['principal', 'privilege', 'on', 'inherited_by'], rows, 'table'))
  } finally {
    await admin.close()
  }
}

function row(g: Grant, asked: string | undefined) {
  const on = formatSecurable(g.on)
  return {
    principal: g.principal,
    privilege: g.privilege,
    on,
    inherited_by: asked !== undefined && asked !== on ? asked : '',
  }
}
