/**
 * @module transform/project/exposure-nodes
 * The exposures of schema YAML (dashboards, API routes) as exposure nodes whose `depends_on`
 * lists the models they read (for lineage and `exposure:` selection).
 */
import { kwargDependencies } from './generic-tests.js'
import type { SchemaFile } from './schema-types.js'
import type { ExposureNode } from './types.js'

/** Builds every exposure; `refTargets` maps a ref name to its unique id. */
export function linkExposures(
  projectName: string,
  schemaFiles: readonly SchemaFile[],
  refTargets: ReadonlyMap<string, string>,
): Record<string, ExposureNode> {
  const exposures: Record<string, ExposureNode> = {}
  for (const file of schemaFiles) {
    for (const e of file.exposures) {
      const id = `exposure.${projectName}.${e.name}`
      const refs = e.depends_on.flatMap((d) => kwargDependencies({ d }).refs)
      exposures[id] = {
        unique_id: id,
        name: e.name,
        type: e.type,
        owner: e.owner,
        description: e.description,
        url: e.url,
        refs: refs.map((name) => ({ name, package: null })),
        depends_on: {
          nodes: refs.map((r) => refTargets.get(r)).filter((x): x is string => x !== undefined),
        },
        original_file_path: e.file,
      }
    }
  }
  return exposures
}
