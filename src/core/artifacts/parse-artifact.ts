/**
 * @module core/artifacts/parse-artifact
 * Validates an artifact read from disk (or received over HTTP) against its schema, so a reader
 * gets typed data or one sentence saying what is wrong — never a crash deep in its own code.
 */
import type { z } from 'zod'
import type { ArtifactKind } from './artifact-metadata.js'
import { catalogSchema, type CatalogArtifact } from './catalog.js'
import { manifestSchema, type Manifest } from './manifest.js'
import { runResultsSchema, type RunResultsArtifact } from './run-results.js'
import { sourcesSchema, type SourcesArtifact } from './sources.js'

/** The type of each artifact. */
export interface Artifacts {
  readonly manifest: Manifest
  readonly runResults: RunResultsArtifact
  readonly catalog: CatalogArtifact
  readonly sources: SourcesArtifact
}

/** The zod schema of each artifact. */
export const ARTIFACT_SCHEMAS: { readonly [K in ArtifactKind]: z.ZodType<Artifacts[K]> } = {
  manifest: manifestSchema,
  runResults: runResultsSchema,
  catalog: catalogSchema,
  sources: sourcesSchema,
}

/** The artifact, or the first problem found (`path: message`). */
export function parseArtifact<K extends ArtifactKind>(
  kind: K,
  value: unknown,
): { ok: true; value: Artifacts[K] } | { ok: false; problem: string } {
  const r = ARTIFACT_SCHEMAS[kind].safeParse(value)
  if (r.success) return { ok: true, value: r.data }
  const issue = r.error.issues[0]
  const path = issue?.path.join('.') ?? ''
  return { ok: false, problem: `${path === '' ? '' : `${path}: `}${issue?.message ?? 'invalid'}` }
}
