/**
 * @module catalog/grants
 * Unity Catalog's access model, pure: principals hold privileges on securables (a catalog, a
 * schema, a table), and a privilege granted on a container is inherited by everything in it.
 * Reading a table needs USE CATALOG on its catalog, USE SCHEMA on its schema and SELECT on it
 * (each possibly inherited); writing needs MODIFY instead of SELECT. ALL PRIVILEGES implies every
 * privilege. Enforcement happens where data is served (DuckDB has no GRANT; REFERENCE.md §1).
 */

/** Privileges, in Unity Catalog's spelling. */
export const PRIVILEGES = [
  'USE CATALOG',
  'USE SCHEMA',
  'SELECT',
  'MODIFY',
  'ALL PRIVILEGES',
] as const

/** A privilege. */
export type Privilege = (typeof PRIVILEGES)[number]

/** What a privilege is granted on: `catalog`, `catalog.schema` or `catalog.schema.table`. */
export interface Securable {
  readonly catalog: string
  readonly schema?: string
  readonly table?: string
}

/** One grant. */
export interface Grant {
  readonly principal: string
  readonly privilege: Privilege
  readonly on: Securable
}

/** An environment as the defaults need it: its target name and catalog. */
export interface GrantEnvironment {
  readonly target: string
  readonly catalog: string
}

/** Targets whose catalogs engineers may only read by default (the rest are development). */
const PROTECTED_TARGETS = new Set(['stage', 'prod'])

/**
 * The default grants of the original design for `environments`: `admin` and the
 * `dbt_service_account` get everything; `data_engineers` everything on development catalogs and
 * read access on stage and prod; `data_analysts` read the gold layer of every catalog.
 */
export function defaultGrants(environments: readonly GrantEnvironment[]): Grant[] {
  const grants: Grant[] = []
  const g = (principal: string, privilege: Privilege, on: Securable): void => {
    grants.push({ principal, privilege, on })
  }
  for (const { target, catalog } of environments) {
    g('admin', 'ALL PRIVILEGES', { catalog })
    g('dbt_service_account', 'ALL PRIVILEGES', { catalog })
    if (PROTECTED_TARGETS.has(target)) {
      g('data_engineers', 'USE CATALOG', { catalog })
      g('data_engineers', 'USE SCHEMA', { catalog })
      g('data_engineers', 'SELECT', { catalog })
    } else {
      g('data_engineers', 'ALL PRIVILEGES', { catalog })
    }
    g('data_analysts', 'USE CATALOG', { catalog })
    g('data_analysts', 'USE SCHEMA', { catalog, schema: 'gold_analytics' })
    g('data_analysts', 'SELECT', { catalog, schema: 'gold_analytics' })
  }
  return grants
}

/** `catalog[.schema[.table]]`. */
export function formatSecurable(on: Securable): string {
  return [on.catalog, on.schema, on.table].filter((p) => p !== undefined).join('.')
}

/** Parses `catalog[.schema[.table]]`. */
export function parseSecurable(text: string): Securable {
  const [catalog = '', schema, table] = text.split('.')
  return {
    catalog,
    ...(schema === undefined ? {} : { schema }),
    ...(table === undefined ? {} : { table }),
  }
}

/** True when `container` is `target` or holds it (a catalog holds its schemas and tables). */
export function covers(container: Securable, target: Securable): boolean {
  if (container.catalog !== target.catalog) return false
  if (container.schema === undefined) return true
  if (container.schema !== target.schema) return false
  return container.table === undefined || container.table === target.table
}

/**
 * Who a check is for: one principal name, or the principal followed by every group it belongs
 * to (its grants are the union of theirs). Messages name the first.
 */
export type Grantee = string | readonly string[]

function names(who: Grantee): readonly string[] {
  return typeof who === 'string' ? [who] : who
}

/** The grant giving `who` `privilege` on `target` (directly or inherited), if any. */
export function findGrant(
  grants: readonly Grant[],
  who: Grantee,
  privilege: Privilege,
  target: Securable,
): Grant | undefined {
  const holders = names(who)
  return grants.find(
    (g) =>
      holders.includes(g.principal) &&
      (g.privilege === privilege || g.privilege === 'ALL PRIVILEGES') &&
      covers(g.on, target),
  )
}

/** An access decision, with the reason (for the audit log and error messages). */
export interface AccessDecision {
  readonly allowed: boolean
  readonly reason: string
}

/**
 * May `who` read (`SELECT`) or write (`MODIFY`) the table `target`? Needs USE CATALOG, USE SCHEMA
 * and the action itself, each possibly inherited from a container.
 */
export function checkAccess(
  grants: readonly Grant[],
  who: Grantee,
  action: 'SELECT' | 'MODIFY',
  target: Required<Securable>,
): AccessDecision {
  const needs: [Privilege, Securable][] = [
    ['USE CATALOG', { catalog: target.catalog }],
    ['USE SCHEMA', { catalog: target.catalog, schema: target.schema }],
    [action, target],
  ]
  const principal = names(who)[0] ?? 'nobody'
  for (const [privilege, on] of needs) {
    if (findGrant(grants, who, privilege, on) === undefined) {
      return {
        allowed: false,
        reason: `${principal} lacks ${privilege} on ${formatSecurable(on)}`,
      }
    }
  }
  return { allowed: true, reason: `${principal} has ${action} on ${formatSecurable(target)}` }
}

/** Adds a grant (no duplicate). */
export function addGrant(grants: readonly Grant[], grant: Grant): Grant[] {
  const key = grantKey(grant)
  return grants.some((g) => grantKey(g) === key) ? [...grants] : [...grants, grant]
}

/** Removes a grant given directly (inherited ones stay: revoke them where they were granted). */
export function removeGrant(grants: readonly Grant[], grant: Grant): Grant[] {
  const key = grantKey(grant)
  return grants.filter((g) => grantKey(g) !== key)
}

function grantKey(g: Grant): string {
  return `${g.principal}|${g.privilege}|${formatSecurable(g.on)}`
}

/** May `who` see a catalog or a schema (USE CATALOG, and USE SCHEMA for a schema)? */
export function canUse(grants: readonly Grant[], who: Grantee, on: Securable): boolean {
  if (findGrant(grants, who, 'USE CATALOG', { catalog: on.catalog }) === undefined) return false
  return (
    on.schema === undefined ||
    findGrant(grants, who, 'USE SCHEMA', { catalog: on.catalog, schema: on.schema }) !== undefined
  )
}
