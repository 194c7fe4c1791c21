/**
 * @module core/config/profiles-schema
 * The zod schema of `profiles.yml`: dbt's shape (`<profile>: {target, outputs}`). pitwall runs
 * three output types. `local` keeps Delta tables on disk under the lakehouse home and runs DuckDB;
 * `duckdb` is dbt-duckdb's output (`path`, `schema`, `threads`, `extensions`, `settings`), run on
 * the same embedded engine with the same Delta tables (its `database` is dbt-duckdb's: the stem of
 * `path`, `memory` for `:memory:`); `databricks` runs on a SQL warehouse. Secrets never live in the
 * file: `token_env` names the environment variable that holds the token.
 *
 * Only the selected profile and target are validated (`resolve-config.ts`), as in dbt: a profile
 * that also lists postgres or snowflake outputs works.
 */
import { z } from 'zod'

const catalogName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case identifier (letters, digits, underscores)')

/** A `type: local` output. */
export const localOutputSchema = z.object({
  type: z.literal('local'),
  /** The Unity-Catalog-style catalog this target writes to, e.g. `dev_f1_data_analytics`. */
  catalog: catalogName,
  /** Lakehouse directory; defaults to `--home` / `PITWALL_HOME` / `./lakehouse`. */
  path: z.string().optional(),
  threads: z.number().int().min(1).max(64).default(4),
  /** Optional schema-name overrides (bronze/silver/gold). */
  schemas: z
    .object({
      bronze: catalogName.optional(),
      silver: catalogName.optional(),
      gold: catalogName.optional(),
    })
    .optional(),
})

/** A `type: databricks` output. */
export const databricksOutputSchema = z.object({
  type: z.literal('databricks'),
  catalog: catalogName,
  host: z.string().min(1),
  http_path: z.string().min(1),
  /** Name of the environment variable holding the access token. */
  token_env: z.string().default('DATABRICKS_TOKEN'),
  threads: z.number().int().min(1).max(64).default(4),
})

/** dbt-duckdb's `database`: the file's stem (`jaffle_shop.duckdb` → `jaffle_shop`), `memory` in memory. */
export function duckdbDatabaseName(path: string): string {
  if (path === ':memory:' || path === '' || path.startsWith(':memory:')) return 'memory'
  const base = path.split(/[\\/]/).pop() ?? path
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(0, dot) : base
}

const identifier = z
  .string()
  .min(1)
  .regex(/^[A-Za-z_][A-Za-z0-9_$-]*$/, 'must be a plain identifier (letters, digits, _, $, -)')

/**
 * A `type: duckdb` output, as dbt-duckdb reads it. Keys pitwall does not use (`attach`,
 * `plugins`, `filesystems`, …) are kept, not rejected: the profile stays usable by dbt itself.
 */
export const duckdbOutputSchema = z
  .looseObject({
    type: z.literal('duckdb'),
    /** The database file dbt-duckdb opens; pitwall takes the catalog name from its stem. */
    path: z.string().default(':memory:'),
    /** Overrides the catalog name taken from `path`. */
    database: identifier.optional(),
    schema: identifier.default('main'),
    threads: z.number().int().min(1).max(64).default(1),
    /** DuckDB extensions to load (json and parquet are built into pitwall's engine). */
    extensions: z
      .array(z.union([z.string().min(1), z.looseObject({ name: z.string().min(1) })]))
      .default([]),
    /** DuckDB settings (`SET key = value`) applied when the engine opens. */
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  })
  .transform((o) => ({ ...o, catalog: o.database ?? duckdbDatabaseName(o.path) }))

/** One output (target) of a profile. */
export const outputSchema = z.discriminatedUnion('type', [
  localOutputSchema,
  databricksOutputSchema,
  duckdbOutputSchema,
])

/** The output types pitwall runs, for messages. */
export const OUTPUT_TYPES = ['local', 'duckdb', 'databricks'] as const

/** One profile; its outputs are validated one by one (only the selected one must be valid). */
export const profileSchema = z.object({
  target: z.string().min(1).default('dev'),
  outputs: z
    .record(z.string(), z.unknown())
    .refine((o) => Object.keys(o).length > 0, { message: 'needs at least one output' }),
})

/**
 * A whole `profiles.yml`: profile name → profile. Profiles are validated one at a time (a file
 * with profiles for other tools, and dbt's legacy top-level `config:`, is fine).
 */
export const profilesFileSchema = z.record(z.string(), z.unknown())

/** A validated output. */
export type OutputConfig = z.infer<typeof outputSchema>
/** A validated `type: local` output. */
export type LocalOutputConfig = z.infer<typeof localOutputSchema>
/** A validated `type: databricks` output. */
export type DatabricksOutputConfig = z.infer<typeof databricksOutputSchema>
/** A validated `type: duckdb` output (`catalog` is its database name). */
export type DuckdbOutputConfig = z.infer<typeof duckdbOutputSchema>
/** A validated profile. */
export type ProfileConfig = z.infer<typeof profileSchema>
