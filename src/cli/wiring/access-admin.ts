/**
 * @module cli/wiring/access-admin
 * What the access-control commands (`grant`, `revoke`, `principals`, `tokens`, `show grants`)
 * share: the catalog storage over a local DuckDB, and the parsing of privileges, securables and
 * durations as users type them (`"USE SCHEMA,SELECT"`, `dev.silver_clean`, `90d`).
 */
import {
  CATALOG_SCHEMAS,
  currentEnvironment,
  environmentsOf,
  findEnvironment,
  isIdentifier,
  PRIVILEGES,
  type CatalogStorage,
  type Environment,
  type Privilege,
  type Securable,
} from '../../catalog/index.js'
import { UsageError } from '../../core/index.js'
import type { CliContext } from '../context.js'
import { openDuckDb, storeFor } from './adapters.js'

/** The catalog storage and environments the commands work on. */
export interface AccessAdmin {
  readonly storage: CatalogStorage
  readonly environments: readonly Environment[]
  /** The target's catalog: principals and tokens live there. */
  readonly identityCatalog: string
  close(): Promise<void>
}

/** Opens the storage of the lakehouse at `--home` for the target in force. */
export async function openAccessAdmin(ctx: CliContext): Promise<AccessAdmin> {
  const config = await ctx.config()
  const engine = await openDuckDb()
  return {
    storage: { home: ctx.home, storeFor, engine },
    environments: environmentsOf(config),
    identityCatalog: currentEnvironment(config).catalog,
    close: () => engine.close(),
  }
}

/** `"USE SCHEMA,SELECT"`, `use_schema`, `all` → privileges. @throws UsageError */
export function parsePrivileges(text: string): Privilege[] {
  const out: Privilege[] = []
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const normal = part.toUpperCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ')
    const privilege = normal === 'ALL' ? 'ALL PRIVILEGES' : normal
    if (!(PRIVILEGES as readonly string[]).includes(privilege)) {
      throw new UsageError(`unknown privilege '${part}'`, {
        hint: `Privileges: ${PRIVILEGES.join(', ')} (comma-separated; use_schema works too).`,
      })
    }
    if (!out.includes(privilege as Privilege)) out.push(privilege as Privilege)
  }
  if (out.length === 0) throw new UsageError('give at least one privilege, e.g. SELECT')
  return out
}

/**
 * `catalog[.schema[.table]]`, where the catalog may be a target name (`dev.gold_analytics` →
 * `dev_f1_data_analytics.gold_analytics`). @throws UsageError
 */
export function parseSecurableArg(text: string, environments: readonly Environment[]): Securable {
  const [catalogPart = '', schema, table, ...rest] = text.split('.')
  if (rest.length > 0 || catalogPart === '') {
    throw new UsageError(`'${text}' is not catalog[.schema[.table]]`)
  }
  let catalog: string
  try {
    catalog = findEnvironment(environments, catalogPart).catalog
  } catch {
    throw new UsageError(`unknown catalog '${catalogPart}'`, {
      hint: `Catalogs: ${environments.map((e) => `${e.catalog} (${e.target})`).join(', ')}.`,
    })
  }
  if (schema !== undefined && !(CATALOG_SCHEMAS as readonly string[]).includes(schema)) {
    throw new UsageError(`unknown schema '${schema}'`, {
      hint: `Schemas: ${CATALOG_SCHEMAS.join(', ')}.`,
    })
  }
  if (table !== undefined && !isIdentifier(table)) {
    throw new UsageError(`'${table}' is not a table name (lower-case letters, digits, _)`)
  }
  return {
    catalog,
    ...(schema === undefined ? {} : { schema }),
    ...(table === undefined ? {} : { table }),
  }
}

/** `90d`, `12h`, `30m`, `1y` → milliseconds. @throws UsageError */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+)\s*(m|h|d|w|y)$/.exec(text.trim())
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 }
  if (m === null || Number(m[1]) < 1) {
    throw new UsageError(`${flag} must be a duration like 30d, 12h or 1y (got '${text}')`)
  }
  return Number(m[1]) * unit[m[2] as keyof typeof unit]
}
