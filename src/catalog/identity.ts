/**
 * @module catalog/identity
 * Who can be granted anything (Unity Catalog's principals), pure: users, service principals and
 * groups, and group membership (a group may contain users, service principals and other groups).
 * A principal acts with its own grants plus those of every group it belongs to, directly or
 * through nested groups.
 */

/** Kinds of principal, in Unity Catalog's words. */
export const PRINCIPAL_KINDS = ['user', 'service_principal', 'group'] as const

/** A kind of principal. */
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number]

/** A principal. */
export interface Principal {
  /** Unique name (lower-case letters, digits, `_`, `-`, `.` and `@`). */
  readonly name: string
  readonly kind: PrincipalKind
  readonly description: string
}

/** `member` belongs to `group`. */
export interface Membership {
  readonly group: string
  readonly member: string
}

/** The principals and memberships in force. */
export interface Directory {
  readonly principals: readonly Principal[]
  readonly memberships: readonly Membership[]
}

/** The original design's principals. */
export const DEFAULT_PRINCIPALS: readonly Principal[] = [
  { name: 'admin', kind: 'group', description: 'platform administrators: everything' },
  {
    name: 'data_engineers',
    kind: 'group',
    description: 'build and operate the pipeline: everything on dev, read stage and prod',
  },
  { name: 'data_analysts', kind: 'group', description: 'analysts: read the gold layer' },
  {
    name: 'dbt_service_account',
    kind: 'service_principal',
    description: 'the transformation runner: everything',
  },
]

/** The directory of a catalog that has stored none: the default principals, no memberships. */
export const DEFAULT_DIRECTORY: Directory = { principals: DEFAULT_PRINCIPALS, memberships: [] }

const NAME = /^[a-z0-9_][a-z0-9_.@-]{0,127}$/

/** True for a usable principal name. */
export function isPrincipalName(name: string): boolean {
  return NAME.test(name)
}

/** The principal named `name`, if the directory has it. */
export function findPrincipal(directory: Directory, name: string): Principal | undefined {
  return directory.principals.find((p) => p.name === name)
}

/**
 * `name` followed by every group it belongs to, directly or through nested groups (each once,
 * cycles ignored): the grantee list grants are checked against.
 */
export function principalAndGroups(directory: Directory, name: string): string[] {
  const out = [name]
  for (let i = 0; i < out.length; i++) {
    for (const m of directory.memberships) {
      if (m.member === out[i] && !out.includes(m.group)) out.push(m.group)
    }
  }
  return out
}
