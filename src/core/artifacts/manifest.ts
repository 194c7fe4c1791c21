/**
 * @module core/artifacts/manifest
 * `manifest.json` in dbt's v12 shape. The schema checks what readers rely on — each node's id,
 * type, name, relation, dependencies, config, docs and columns; sources; the parent and child
 * maps — and lets every other field dbt defines pass through.
 */
import { z } from 'zod'
import { artifactMetadataSchema } from './artifact-metadata.js'

const stringMap = z.record(z.string(), z.unknown())

/** A documented column. */
export const manifestColumnSchema = z.looseObject({
  name: z.string(),
  description: z.string(),
  data_type: z.string().nullable().optional(),
  meta: stringMap.default({}),
  tags: z.array(z.string()).default([]),
})

/** A node of `nodes` / `unit_tests` (model, seed, snapshot, test, analysis, unit test). */
export const manifestNodeSchema = z.looseObject({
  unique_id: z.string(),
  resource_type: z.enum(['model', 'seed', 'snapshot', 'test', 'analysis', 'unit_test']),
  name: z.string(),
  package_name: z.string(),
  database: z.string(),
  schema: z.string(),
  alias: z.string(),
  original_file_path: z.string(),
  fqn: z.array(z.string()),
  description: z.string(),
  columns: z.record(z.string(), manifestColumnSchema),
  tags: z.array(z.string()),
  config: stringMap,
  depends_on: z.looseObject({ nodes: z.array(z.string()), macros: z.array(z.string()).optional() }),
  relation_name: z.string().nullable(),
  raw_code: z.string(),
  checksum: z.object({ name: z.string(), checksum: z.string() }),
})

/** A source table of `sources`. */
export const manifestSourceSchema = z.looseObject({
  unique_id: z.string(),
  resource_type: z.literal('source'),
  source_name: z.string(),
  name: z.string(),
  identifier: z.string(),
  database: z.string(),
  schema: z.string(),
  description: z.string(),
  columns: z.record(z.string(), manifestColumnSchema),
  loaded_at_field: z.string().nullable(),
  relation_name: z.string(),
})

/** An exposure (dashboard, API route). */
export const manifestExposureSchema = z.looseObject({
  unique_id: z.string(),
  name: z.string(),
  type: z.string(),
  depends_on: z.looseObject({ nodes: z.array(z.string()) }),
})

/** `manifest.json`. */
export const manifestSchema = z.looseObject({
  metadata: artifactMetadataSchema.extend({
    project_name: z.string(),
    adapter_type: z.string(),
  }),
  nodes: z.record(z.string(), manifestNodeSchema),
  sources: z.record(z.string(), manifestSourceSchema),
  macros: z.record(z.string(), stringMap),
  docs: z.record(z.string(), stringMap),
  exposures: z.record(z.string(), manifestExposureSchema),
  unit_tests: z.record(z.string(), manifestNodeSchema),
  parent_map: z.record(z.string(), z.array(z.string())),
  child_map: z.record(z.string(), z.array(z.string())),
})

/** `manifest.json`. */
export type Manifest = Readonly<z.infer<typeof manifestSchema>>
/** A node of the manifest. */
export type ManifestNode = Readonly<z.infer<typeof manifestNodeSchema>>
/** A source of the manifest. */
export type ManifestSource = Readonly<z.infer<typeof manifestSourceSchema>>
