/**
 * @module transform/project/schema-yaml-exposures
 * The `exposures:` section of schema YAML (dbt's `ExposureParser`): dashboards, notebooks and
 * API routes that read the project's models, for lineage and `exposure:` selection.
 */
import type { ExposureSpec } from './schema-types.js'
import { isObj, list, str, type SchemaYamlReader } from './schema-yaml-reader.js'

/** Reads the file's `exposures:`. */
export function readExposures(reader: SchemaYamlReader): ExposureSpec[] {
  const out: ExposureSpec[] = []
  list(reader.root?.['exposures']).forEach((e, i) => {
    if (!isObj(e) || typeof e['name'] !== 'string') {
      reader.bad(['exposures', i], 'an exposure needs a name')
      return
    }
    out.push({
      name: e['name'],
      type: str(e['type']) || 'application',
      owner: isObj(e['owner']) ? e['owner'] : {},
      description: str(e['description']),
      url: typeof e['url'] === 'string' ? e['url'] : null,
      depends_on: list(e['depends_on']).map(String),
      file: reader.file,
    })
  })
  return out
}
