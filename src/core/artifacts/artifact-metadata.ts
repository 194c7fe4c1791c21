/**
 * @module core/artifacts/artifact-metadata
 * The `metadata` block every dbt artifact starts with, the artifacts' file names, and where a
 * target's artifacts live under the lakehouse home (`<home>/target/<target>/`, one folder per
 * target so a prod run never overwrites dev's results — issue 12).
 */
import { z } from 'zod'

/** The dbt version whose artifact schemas pitwall writes. */
export const DBT_VERSION = '1.10.0'

/** The schema URLs of the artifacts pitwall writes. */
export const SCHEMA_URLS = {
  manifest: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
  runResults: 'https://schemas.getdbt.com/dbt/run-results/v6.json',
  catalog: 'https://schemas.getdbt.com/dbt/catalog/v1.json',
  sources: 'https://schemas.getdbt.com/dbt/sources/v3.json',
} as const

/** An artifact kind. */
export type ArtifactKind = keyof typeof SCHEMA_URLS

/** The file name of each artifact (dbt's). */
export const ARTIFACT_FILES: Readonly<Record<ArtifactKind, string>> = {
  manifest: 'manifest.json',
  runResults: 'run_results.json',
  catalog: 'catalog.json',
  sources: 'sources.json',
}

/**
 * The folder of a target's artifacts: `<home>/target/<target>` (POSIX separators; Node accepts
 * them on every platform). Readers (the API, the dashboard) and the writer agree through this.
 */
export function artifactsDir(home: string, target: string): string {
  return `${home.replace(/[\\/]+$/, '')}/target/${target}`
}

/** Where and when an artifact was made. */
export interface ArtifactContext {
  readonly invocationId: string
  /** ISO timestamp. */
  readonly generatedAt: string
}

/** The metadata block (zod schema; other keys, e.g. the manifest's `project_name`, pass). */
export const artifactMetadataSchema = z.looseObject({
  dbt_schema_version: z.string(),
  dbt_version: z.string(),
  generated_at: z.string(),
  invocation_id: z.string(),
  env: z.record(z.string(), z.unknown()).default({}),
})

/** dbt's artifact metadata. */
export type ArtifactMetadata = z.infer<typeof artifactMetadataSchema>

/** Builds the metadata block of an artifact of `kind`. */
export function artifactMetadata(kind: ArtifactKind, ctx: ArtifactContext): ArtifactMetadata {
  return {
    dbt_schema_version: SCHEMA_URLS[kind],
    dbt_version: DBT_VERSION,
    generated_at: ctx.generatedAt,
    invocation_id: ctx.invocationId,
    env: {},
  }
}
