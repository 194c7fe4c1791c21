/**
 * @module transform/artifacts/run-results
 * `target/run_results.json` in dbt's v6 shape.
 */
import type { NodeResult } from '../run/node-result.js'
import { artifactMetadata, type ArtifactContext } from './artifact-metadata.js'

/** The run results artifact. */
export interface RunResultsArtifact {
  readonly metadata: ReturnType<typeof artifactMetadata>
  readonly results: readonly NodeResult[]
  readonly elapsed_time: number
  readonly args: Readonly<Record<string, unknown>>
}

/** Builds `run_results.json`. */
export function buildRunResults(
  results: readonly NodeResult[],
  elapsed: number,
  args: Readonly<Record<string, unknown>>,
  ctx: ArtifactContext,
): RunResultsArtifact {
  return { metadata: artifactMetadata('runResults', ctx), results, elapsed_time: elapsed, args }
}

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
