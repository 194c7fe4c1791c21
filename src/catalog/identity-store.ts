/**
 * @module catalog/identity-store
 * The directory (principals and group memberships) kept in the identity catalog's `system`
 * schema: `<catalog>.system.principals` (name, kind, description) and
 * `<catalog>.system.group_members` (group_name, member). Identities are account-wide in Unity
 * Catalog; pitwall keeps them in the catalog of the target in force, so `pitwall principals`,
 * `pitwall tokens` and `pitwall serve` with the same `--target` see the same people. A catalog
 * that stored none has the default principals.
 */
import { sqlString } from '../core/index.js'
import {
  DEFAULT_DIRECTORY,
  PRINCIPAL_KINDS,
  type Directory,
  type Membership,
  type Principal,
  type PrincipalKind,
} from './identity.js'
import { readSystemTable, writeSystemTable, type CatalogStorage } from './system-tables.js'

/** The principals table's name in the `system` schema. */
export const PRINCIPALS_TABLE = 'principals'
/** The group membership table's name in the `system` schema. */
export const GROUP_MEMBERS_TABLE = 'group_members'

/** The directory stored in `catalog`, or the default one. */
export async function loadDirectory(storage: CatalogStorage, catalog: string): Promise<Directory> {
  const principals = await readSystemTable(
    storage,
    catalog,
    PRINCIPALS_TABLE,
    'name, kind, description',
    'name',
  )
  if (principals === undefined) return DEFAULT_DIRECTORY
  const members = await readSystemTable(
    storage,
    catalog,
    GROUP_MEMBERS_TABLE,
    'group_name, member',
    'ALL',
  )
  return {
    principals: principals
      .filter((r) => (PRINCIPAL_KINDS as readonly unknown[]).includes(r['kind']))
      .map((r) => ({
        name: String(r['name']),
        kind: r['kind'] as PrincipalKind,
        description: String(r['description'] ?? ''),
      })),
    memberships: (members ?? []).map((r) => ({
      group: String(r['group_name']),
      member: String(r['member']),
    })),
  }
}

/** Replaces the stored directory of `catalog` with `directory` (two commits, memberships last). */
export async function saveDirectory(
  storage: CatalogStorage,
  catalog: string,
  directory: Directory,
): Promise<void> {
  await writeSystemTable(
    storage,
    catalog,
    PRINCIPALS_TABLE,
    valuesSql(
      ['name', 'kind', 'description'],
      directory.principals.map((p: Principal) => [p.name, p.kind, p.description]),
    ),
    'overwrite',
  )
  await writeSystemTable(
    storage,
    catalog,
    GROUP_MEMBERS_TABLE,
    valuesSql(
      ['group_name', 'member'],
      directory.memberships.map((m: Membership) => [m.group, m.member]),
    ),
    'overwrite',
  )
}

/** `SELECT` of string rows with the given column names (an empty typed result for no rows). */
export function valuesSql(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  if (rows.length === 0) {
    return `SELECT ${columns.map((c) => `NULL::VARCHAR AS ${c}`).join(', ')} WHERE false`
  }
  const values = rows.map((r) => `(${r.map((v) => sqlString(v)).join(', ')})`).join(', ')
  return `SELECT * FROM (VALUES ${values}) AS t(${columns.join(', ')})`
}
