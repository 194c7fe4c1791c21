/**
 * @module transform/artifacts/run-results
 * Builds `run_results.json` (dbt's v6 shape; schema and types in `core/artifacts`).
 */
import {
  artifactMetadata,
  type ArtifactContext,
  type NodeResult,
  type RunResultsArtifact,
} from '../../core/index.js'

/** Builds `run_results.json`. */
export function buildRunResults(
  results: readonly NodeResult[],
  elapsed: number,
  args: Readonly<Record<string, unknown>>,
  ctx: ArtifactContext,
): RunResultsArtifact {
  return {
    metadata: artifactMetadata('runResults', ctx),
    results: [...results],
    elapsed_time: elapsed,
    args,
  }
}
