/**
 * @module transform/artifacts/artifact-metadata
 * The `metadata` block every dbt artifact starts with.
 */

/** The dbt version whose artifact schemas pitwall writes. */
export const DBT_VERSION = '1.10.0'

/** The schema URLs of the artifacts pitwall writes. */
export const SCHEMA_URLS = {
  manifest: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
  runResults: 'https://schemas.getdbt.com/dbt/run-results/v6.json',
  catalog: 'https://schemas.getdbt.com/dbt/catalog/v1.json',
  sources: 'https://schemas.getdbt.com/dbt/sources/v3.json',
} as const

/** Where and when an artifact was made. */
export interface ArtifactContext {
  readonly invocationId: string
  /** ISO timestamp. */
  readonly generatedAt: string
}

/** dbt's artifact metadata. */
export function artifactMetadata(schema: keyof typeof SCHEMA_URLS, ctx: ArtifactContext) {
  return {
    dbt_schema_version: SCHEMA_URLS[schema],
    dbt_version: DBT_VERSION,
    generated_at: ctx.generatedAt,
    invocation_id: ctx.invocationId,
    env: {},
  }
}
