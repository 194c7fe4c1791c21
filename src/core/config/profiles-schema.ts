/**
 * @module core/config/profiles-schema
 * The zod schema of `profiles.yml`: dbt's shape (`<profile>: {target, outputs}`), with pitwall's
 * two output types. `local` keeps Delta tables on disk under the lakehouse home and runs DuckDB;
 * `databricks` runs on a SQL warehouse. Secrets never live in the file: `token_env` names the
 * environment variable that holds the token.
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

/** One output (target) of a profile. */
export const outputSchema = z.discriminatedUnion('type', [
  localOutputSchema,
  databricksOutputSchema,
])

/** One profile. */
export const profileSchema = z.object({
  target: z.string().min(1).default('dev'),
  outputs: z.record(z.string(), outputSchema).refine((o) => Object.keys(o).length > 0, {
    message: 'needs at least one output',
  }),
})

/** A whole `profiles.yml`: profile name → profile. */
export const profilesFileSchema = z.record(z.string(), profileSchema)

/** A validated output. */
export type OutputConfig = z.infer<typeof outputSchema>
/** A validated `type: local` output. */
export type LocalOutputConfig = z.infer<typeof localOutputSchema>
/** A validated `type: databricks` output. */
export type DatabricksOutputConfig = z.infer<typeof databricksOutputSchema>
/** A validated profile. */
export type ProfileConfig = z.infer<typeof profileSchema>
