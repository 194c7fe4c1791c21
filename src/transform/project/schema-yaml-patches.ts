/**
 * @module transform/project/schema-yaml-patches
 * The `models:`, `seeds:`, `snapshots:` and `analyses:` sections of schema YAML (dbt's
 * `NodePatchParser`): descriptions, columns, configs and tests patched onto nodes defined in their
 * own files, plus dbt 1.9's YAML snapshots (`relation:`).
 */
import type { SourcePosition } from '../../core/index.js'
import type { NodePatch } from './schema-types.js'
import { isObj, list, str, tags, type SchemaYamlReader } from './schema-yaml-reader.js'

/** The sections that patch nodes, in the order they are read. */
export const PATCH_KINDS = ['models', 'seeds', 'snapshots', 'analyses'] as const

/** Reads every patch section of the file. */
export function readNodePatches(reader: SchemaYamlReader): NodePatch[] {
  const root = reader.root ?? {}
  const out: NodePatch[] = []
  for (const kind of PATCH_KINDS) {
    list(root[kind]).forEach((entry, i) => {
      if (!isObj(entry) || typeof entry['name'] !== 'string') {
        reader.bad([kind, i], `each entry of ${kind}: needs a name`)
        return
      }
      const at = reader.at([kind, i])
      const config = isObj(entry['config']) ? entry['config'] : {}
      const configAt: Record<string, SourcePosition> = {}
      for (const key of Object.keys(config)) {
        const pos = reader.at([kind, i, 'config', key])
        if (pos !== undefined) configAt[key] = pos
      }
      out.push({
        kind,
        name: entry['name'],
        description: str(entry['description']),
        config,
        configAt,
        columns: reader.columnsOf(entry, [kind, i]),
        tests: reader.testsOf(entry, [kind, i]),
        tags: tags(entry['tags']),
        meta: isObj(entry['meta']) ? entry['meta'] : {},
        ...(typeof entry['relation'] === 'string' ? { relation: entry['relation'] } : {}),
        file: reader.file,
        ...(at === undefined ? {} : { at }),
      })
    })
  }
  return out
}
