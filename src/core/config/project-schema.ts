/**
 * @module core/config/project-schema
 * The zod schema of `dbt_project.yml`, with dbt's keys. Model-level configs under `models:` are a
 * free-form tree here; the transformation engine validates them when it resolves each node.
 */
import { z } from 'zod'

const pathList = z.array(z.string().min(1)).min(1)

/** A `dbt_project.yml`. Unknown top-level keys are reported as warnings by the loader. */
export const projectConfigSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case identifier (letters, digits, underscores)'),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  'config-version': z.literal(2).optional(),
  profile: z.string().min(1).optional(),
  'model-paths': pathList.default(['models']),
  'seed-paths': pathList.default(['seeds']),
  'snapshot-paths': pathList.default(['snapshots']),
  'test-paths': pathList.default(['tests']),
  'macro-paths': pathList.default(['macros']),
  'analysis-paths': pathList.default(['analyses']),
  'target-path': z.string().default('target'),
  'clean-targets': z.array(z.string()).optional(),
  'require-dbt-version': z.unknown().optional(),
  vars: z.record(z.string(), z.unknown()).default({}),
  models: z.record(z.string(), z.unknown()).default({}),
  seeds: z.record(z.string(), z.unknown()).default({}),
  snapshots: z.record(z.string(), z.unknown()).default({}),
  sources: z.record(z.string(), z.unknown()).default({}),
  tests: z.record(z.string(), z.unknown()).default({}),
  data_tests: z.record(z.string(), z.unknown()).default({}),
  'on-run-start': z.union([z.string(), z.array(z.string())]).optional(),
  'on-run-end': z.union([z.string(), z.array(z.string())]).optional(),
  'query-comment': z.unknown().optional(),
  flags: z.record(z.string(), z.unknown()).optional(),
  /** Where `adapter.dispatch` looks for a macro namespace's implementations. */
  dispatch: z
    .array(
      z.object({
        macro_namespace: z.string().min(1),
        search_order: z.array(z.string().min(1)),
      }),
    )
    .optional(),
  'log-path': z.string().optional(),
  'packages-install-path': z.string().optional(),
  'docs-paths': z.array(z.string()).optional(),
  'asset-paths': z.array(z.string()).optional(),
  quoting: z.record(z.string(), z.unknown()).optional(),
  unit_tests: z.record(z.string(), z.unknown()).optional(),
  exposures: z.record(z.string(), z.unknown()).optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
  'semantic-models': z.record(z.string(), z.unknown()).optional(),
  'saved-queries': z.record(z.string(), z.unknown()).optional(),
  'restrict-access': z.boolean().optional(),
})

/** A validated `dbt_project.yml`. */
export type ProjectConfig = z.infer<typeof projectConfigSchema>

/** The top-level keys dbt knows; others are reported as warnings. */
export const PROJECT_KEYS: ReadonlySet<string> = new Set(Object.keys(projectConfigSchema.shape))
