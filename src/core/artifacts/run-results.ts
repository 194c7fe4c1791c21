/**
 * @module core/artifacts/run-results
 * `run_results.json` in dbt's v6 shape: one result per node (STYLE.md §7 status objects), as
 * the runner writes it and the API and dashboard read it.
 */
import { z } from 'zod'
import { artifactMetadataSchema } from './artifact-metadata.js'

/** The statuses a node can end in: models `success | error | skipped`, tests also `pass | fail | warn`. */
export const NODE_STATUSES = ['success', 'error', 'skipped', 'pass', 'fail', 'warn'] as const

/** One phase's timing. */
export const timingInfoSchema = z.object({
  name: z.enum(['compile', 'execute']),
  started_at: z.string(),
  completed_at: z.string(),
})

/** How one node ended. */
export const nodeResultSchema = z.looseObject({
  unique_id: z.string(),
  status: z.enum(NODE_STATUSES),
  timing: z.array(timingInfoSchema),
  thread_id: z.string(),
  /** Seconds. */
  execution_time: z.number(),
  adapter_response: z.record(z.string(), z.unknown()),
  /** What happened, for people (for a skipped node: which failure caused it). */
  message: z.string().nullable(),
  /** For tests: the number of failing rows. */
  failures: z.number().nullable(),
  compiled: z.boolean(),
  compiled_code: z.string().nullable(),
  relation_name: z.string().nullable(),
  batch_results: z.null(),
  /** pitwall extra: the table holding the failing rows kept by store_failures. */
  stored_failures: z.string().optional(),
  /** pitwall extra: a sample of the failing rows. */
  failing_rows_sample: z.array(z.record(z.string(), z.unknown())).optional(),
})

/** The run results artifact. */
export const runResultsSchema = z.looseObject({
  metadata: artifactMetadataSchema,
  results: z.array(nodeResultSchema),
  /** Seconds. */
  elapsed_time: z.number(),
  args: z.record(z.string(), z.unknown()),
})

/** A node's status. */
export type NodeStatus = (typeof NODE_STATUSES)[number]
/** One phase's timing. */
export type TimingInfo = Readonly<z.infer<typeof timingInfoSchema>>
/** How one node ended (`run_results.json` → `results[]`). */
export type NodeResult = Readonly<z.infer<typeof nodeResultSchema>>
/** `run_results.json`. */
export type RunResultsArtifact = Readonly<z.infer<typeof runResultsSchema>>

/** The last statuses by unique id, from a `run_results.json` (for `result:` selectors). */
export function statusesOf(artifact: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  const results = (artifact as { results?: unknown } | null)?.results
  if (!Array.isArray(results)) return out
  for (const r of results) {
    const o = r as { unique_id?: unknown; status?: unknown }
    if (typeof o.unique_id === 'string' && typeof o.status === 'string') out[o.unique_id] = o.status
  }
  return out
}
