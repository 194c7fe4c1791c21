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

/** A principal (a group or a service account). */
export interface Principal {
  readonly name: string
  readonly kind: 'group' | 'service_account' | 'user'
  readonly description: string
}

/** The original design's principals. */
export const DEFAULT_PRINCIPALS: readonly Principal[] = [
  { name: 'admin', kind: 'group', description: 'platform administrators: everything' },
  {
    name: 'data_engineers',
    kind: 'group',
    description: 'build and operate the pipeline: read and write every layer',
  },
  {
    name: 'data_analysts',
    kind: 'group',
    description: 'analysts: read the gold layer only',
  },
  {
    name: 'dbt_service_account',
    kind: 'service_account',
    description: 'the transformation runner: reads bronze, writes silver and gold',
  },
]

/** The default grants of the original design for `catalogs`. */
export function defaultGrants(catalogs: readonly string[]): Grant[] {
  const grants: Grant[] = []
  const g = (principal: string, privilege: Privilege, on: Securable): void => {
    grants.push({ principal, privilege, on })
  }
  for (const catalog of catalogs) {
    g('admin', 'ALL PRIVILEGES', { catalog })
    g('data_engineers', 'USE CATALOG', { catalog })
    g('data_engineers', 'USE SCHEMA', { catalog })
    g('data_engineers', 'SELECT', { catalog })
    g('data_engineers', 'MODIFY', { catalog })
    g('data_analysts', 'USE CATALOG', { catalog })
    g('data_analysts', 'USE SCHEMA', { catalog, schema: 'gold_analytics' })
    g('data_analysts', 'SELECT', { catalog, schema: 'gold_analytics' })
    g('dbt_service_account', 'USE CATALOG', { catalog })
    for (const schema of ['bronze_raw', 'silver_clean', 'gold_analytics']) {
      g('dbt_service_account', 'USE SCHEMA', { catalog, schema })
      g('dbt_service_account', 'SELECT', { catalog, schema })
    }
    g('dbt_service_account', 'MODIFY', { catalog, schema: 'silver_clean' })
    g('dbt_service_account', 'MODIFY', { catalog, schema: 'gold_analytics' })
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

/** The grant giving `principal` `privilege` on `target` (directly or inherited), if any. */
export function findGrant(
  grants: readonly Grant[],
  principal: string,
  privilege: Privilege,
  target: Securable,
): Grant | undefined {
  return grants.find(
    (g) =>
      g.principal === principal &&
      (g.privilege === privilege || g.privilege === 'ALL PRIVILEGES') &&
      covers(g.on, target),
  )
}

/** An access decision, with the reason (for the audit log and error messages). */
export interface AccessDecision {
  readonly allowed: boolean
  readonly reason: string
}

/** May `principal` read (`SELECT`) or write (`MODIFY`) the table `target`? */
export function checkAccess(
  grants: readonly Grant[],
  principal: string,
  action: 'SELECT' | 'MODIFY',
  target: Required<Securable>,
): AccessDecision {
  const needs: [Privilege, Securable][] = [
    ['USE CATALOG', { catalog: target.catalog }],
    ['USE SCHEMA', { catalog: target.catalog, schema: target.schema }],
    [action, target],
  ]
  for (const [privilege, on] of needs) {
    if (findGrant(grants, principal, privilege, on) === undefined) {
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
