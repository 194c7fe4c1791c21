/**
 * @module transform/project/schema-yaml-unit-tests
 * The `unit_tests:` section of schema YAML (dbt 1.8's `UnitTestParser`): a model, the fixture
 * rows `given` for its inputs and the rows it is expected to return.
 */
import type { UnitTestDef } from './types.js'
import { isObj, list, str, type SchemaYamlReader } from './schema-yaml-reader.js'

/** Reads the file's `unit_tests:`. */
export function readUnitTests(reader: SchemaYamlReader): UnitTestDef[] {
  const out: UnitTestDef[] = []
  list(reader.root?.['unit_tests']).forEach((u, i) => {
    if (!isObj(u) || typeof u['name'] !== 'string' || typeof u['model'] !== 'string') {
      reader.bad(['unit_tests', i], 'a unit test needs a name and a model')
      return
    }
    const expect = isObj(u['expect']) ? u['expect'] : {}
    out.push({
      name: u['name'],
      model: u['model'],
      description: str(u['description']),
      given: list(u['given'])
        .filter(isObj)
        .map((g) => ({
          input: str(g['input']),
          ...(Array.isArray(g['rows']) ? { rows: g['rows'] as Record<string, unknown>[] } : {}),
          ...(typeof g['format'] === 'string' ? { format: g['format'] } : {}),
          ...(typeof g['rows'] === 'string' ? { fixture: g['rows'] } : {}),
        })),
      expect: { rows: list(expect['rows']).filter(isObj) },
      ...(isObj(u['overrides'])
        ? { overrides: u['overrides'] as UnitTestDef['overrides'] & object }
        : {}),
      file: reader.file,
    })
  })
  return out
}
