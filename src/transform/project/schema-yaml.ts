/**
 * @module transform/project/schema-yaml
 * Reads one schema YAML file into plain specs (see `schema-types.ts`), with the line of every
 * entry, one reader per section as dbt splits its schema parsers: node patches (`models:`,
 * `seeds:`, `snapshots:`, `analyses:`), `sources:`, `unit_tests:`, `exposures:`. Accepts both
 * `tests:` and dbt 1.8's `data_tests:`, and 1.10's `arguments:` block on tests.
 */
import { parseYamlSource } from '../../core/index.js'
import type { SchemaFile } from './schema-types.js'
import { readExposures } from './schema-yaml-exposures.js'
import { readNodePatches } from './schema-yaml-patches.js'
import { SchemaYamlReader } from './schema-yaml-reader.js'
import { readSources } from './schema-yaml-sources.js'
import { readUnitTests } from './schema-yaml-unit-tests.js'

/** Parses one schema YAML file. Never throws: problems come back as diagnostics. */
export function parseSchemaFile(file: string, text: string): SchemaFile {
  const reader = new SchemaYamlReader(file, parseYamlSource(text, file))
  if (reader.root === undefined) {
    return {
      patches: [],
      sources: [],
      unitTests: [],
      exposures: [],
      diagnostics: reader.diagnostics,
    }
  }
  const patches = readNodePatches(reader)
  const sources = readSources(reader)
  const unitTests = readUnitTests(reader)
  const exposures = readExposures(reader)
  return { patches, sources, unitTests, exposures, diagnostics: reader.diagnostics }
}
