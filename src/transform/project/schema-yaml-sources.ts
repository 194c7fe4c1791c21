/**
 * @module transform/project/schema-yaml-sources
 * The `sources:` section of schema YAML (dbt's `SourceParser`): each source with its tables,
 * their columns, tests, freshness rules and `loaded_at_field` (a table's own settings, or its
 * `config:`, override the source's).
 */
import { parseFreshness } from './schema-yaml-entries.js'
import type { SourceSpec, SourceTableSpec } from './schema-types.js'
import {
  isObj,
  list,
  str,
  tags,
  type SchemaYamlReader,
  type YamlPath,
} from './schema-yaml-reader.js'

/** Reads the file's `sources:`. */
export function readSources(reader: SchemaYamlReader): SourceSpec[] {
  const out: SourceSpec[] = []
  list(reader.root?.['sources']).forEach((s, i) => {
    if (!isObj(s) || typeof s['name'] !== 'string') {
      reader.bad(['sources', i], 'each source needs a name')
      return
    }
    const sconf = isObj(s['config']) ? s['config'] : {}
    out.push({
      name: s['name'],
      description: str(s['description']),
      ...(typeof s['database'] === 'string' ? { database: s['database'] } : {}),
      ...(typeof s['schema'] === 'string' ? { schema: s['schema'] } : {}),
      loader: str(s['loader']),
      freshness: parseFreshness(s['freshness'] ?? sconf['freshness']),
      loaded_at_field: (s['loaded_at_field'] ?? sconf['loaded_at_field']) as
        string | null | undefined,
      tags: tags(s['tags']),
      meta: isObj(s['meta']) ? s['meta'] : {},
      file: reader.file,
      tables: list(s['tables']).flatMap((t, j) => {
        const table = readTable(reader, t, ['sources', i, 'tables', j])
        return table === undefined ? [] : [table]
      }),
    })
  })
  return out
}

function readTable(
  reader: SchemaYamlReader,
  t: unknown,
  path: YamlPath,
): SourceTableSpec | undefined {
  if (!isObj(t) || typeof t['name'] !== 'string') {
    reader.bad(path, 'each source table needs a name')
    return undefined
  }
  const tconf = isObj(t['config']) ? t['config'] : {}
  return {
    name: t['name'],
    ...(typeof t['identifier'] === 'string' ? { identifier: t['identifier'] } : {}),
    description: str(t['description']),
    columns: reader.columnsOf(t, path),
    tests: reader.testsOf(t, path),
    freshness: parseFreshness(t['freshness'] ?? tconf['freshness']),
    loaded_at_field: (t['loaded_at_field'] ?? tconf['loaded_at_field']) as
      string | null | undefined,
    tags: tags(t['tags']),
    meta: isObj(t['meta']) ? t['meta'] : {},
    enabled: tconf['enabled'] !== false,
  }
}
