/**
 * @module core/artifacts/catalog
 * `catalog.json` (dbt's v1 shape, written by `docs generate`): each built relation's columns with
 * their types, and its row count.
 */
import { z } from 'zod'
import { artifactMetadataSchema } from './artifact-metadata.js'

/** One relation in the catalog. */
export const catalogTableSchema = z.object({
  metadata: z.object({
    type: z.string(),
    schema: z.string(),
    name: z.string(),
    database: z.string(),
    comment: z.string().nullable(),
    owner: z.string().nullable(),
  }),
  columns: z.record(
    z.string(),
    z.object({
      type: z.string(),
      index: z.number(),
      name: z.string(),
      comment: z.string().nullable(),
    }),
  ),
  stats: z.record(z.string(), z.unknown()),
  unique_id: z.string(),
})

/** `catalog.json`. */
export const catalogSchema = z.object({
  metadata: artifactMetadataSchema,
  nodes: z.record(z.string(), catalogTableSchema),
  sources: z.record(z.string(), catalogTableSchema),
  errors: z.array(z.string()).nullable(),
})

/** One relation in the catalog. */
export type CatalogTable = Readonly<z.infer<typeof catalogTableSchema>>
/** `catalog.json`. */
export type CatalogArtifact = Readonly<z.infer<typeof catalogSchema>>
