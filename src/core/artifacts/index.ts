/**
 * @module core/artifacts
 * The artifacts the transformation engine writes and the API and dashboard read (DESIGN.md §2:
 * contracts two layers share live in core): dbt's manifest v12, run_results v6, catalog v1 and
 * sources v3, as zod schemas and the types inferred from them, and where they live.
 */
export {
  DBT_VERSION,
  SCHEMA_URLS,
  ARTIFACT_FILES,
  artifactsDir,
  artifactMetadata,
  artifactMetadataSchema,
} from './artifact-metadata.js'
export type { ArtifactContext, ArtifactKind, ArtifactMetadata } from './artifact-metadata.js'
export {
  NODE_STATUSES,
  nodeResultSchema,
  runResultsSchema,
  timingInfoSchema,
  statusesOf,
} from './run-results.js'
export type { NodeResult, NodeStatus, RunResultsArtifact, TimingInfo } from './run-results.js'
export {
  manifestSchema,
  manifestNodeSchema,
  manifestSourceSchema,
  manifestExposureSchema,
  manifestColumnSchema,
} from './manifest.js'
export type { Manifest, ManifestNode, ManifestSource } from './manifest.js'
export { catalogSchema, catalogTableSchema } from './catalog.js'
export type { CatalogArtifact, CatalogTable } from './catalog.js'
export { sourcesSchema, freshnessResultSchema, freshnessRuleSchema } from './sources.js'
export type { FreshnessResult, FreshnessRule, SourcesArtifact } from './sources.js'
export { parseArtifact, ARTIFACT_SCHEMAS } from './parse-artifact.js'
export type { Artifacts } from './parse-artifact.js'
