/**
 * @module core/artifacts/sources
 * `sources.json` (dbt's v3 shape, written by `source freshness`): for each source table with a
 * freshness rule, its newest load time, age and pass/warn/error.
 */
import { z } from 'zod'
import { artifactMetadataSchema } from './artifact-metadata.js'

const afterSchema = z.object({ count: z.number().nullable(), period: z.string().nullable() })

/** A source's `freshness:` rule. */
export const freshnessRuleSchema = z.object({
  warn_after: afterSchema,
  error_after: afterSchema,
  filter: z.string().nullable(),
})

/** One source's freshness result. */
export const freshnessResultSchema = z.object({
  unique_id: z.string(),
  max_loaded_at: z.string().nullable(),
  snapshotted_at: z.string(),
  max_loaded_at_time_ago_in_s: z.number().nullable(),
  status: z.enum(['pass', 'warn', 'error', 'runtime error']),
  criteria: freshnessRuleSchema.nullable(),
  adapter_response: z.record(z.string(), z.unknown()),
  timing: z.array(z.object({ name: z.string(), started_at: z.string(), completed_at: z.string() })),
  thread_id: z.string(),
  execution_time: z.number(),
  message: z.string().optional(),
})

/** `sources.json`. */
export const sourcesSchema = z.object({
  metadata: artifactMetadataSchema,
  results: z.array(freshnessResultSchema),
  elapsed_time: z.number(),
})

/** A source's freshness rule. */
export type FreshnessRule = Readonly<z.infer<typeof freshnessRuleSchema>>
/** One source's freshness result. */
export type FreshnessResult = Readonly<z.infer<typeof freshnessResultSchema>>
/** `sources.json`. */
export type SourcesArtifact = Readonly<z.infer<typeof sourcesSchema>>
