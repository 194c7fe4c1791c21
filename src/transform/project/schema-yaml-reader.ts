/**
 * @module transform/project/schema-yaml-reader
 * What every schema YAML section reader shares: the file's parsed value with line lookup, a
 * diagnostics sink that points at the offending entry, and the readers of the parts several
 * sections have in common (`columns:`, `tests:`/`data_tests:`).
 */
import {
  makeDiagnostic,
  type Diagnostic,
  type SourcePosition,
  type YamlSource,
} from '../../core/index.js'
import { parseTest } from './schema-yaml-entries.js'
import type { ColumnSpec, TestSpec } from './schema-types.js'

/** A YAML mapping. */
export type Obj = Record<string, unknown>
/** A path into the YAML document (`['models', 0, 'columns', 2]`). */
export type YamlPath = readonly (string | number)[]

/** True for a YAML mapping. */
export const isObj = (v: unknown): v is Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v)
/** A scalar as text ('' for null/absent). */
export const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v))
/** A sequence, or [] for anything else. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
/** `tags:` as a list of strings (a single tag may be written as a scalar). */
export const tags = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v == null ? [] : [String(v)]

/** One schema file being read. */
export class SchemaYamlReader {
  /** Problems found so far. */
  readonly diagnostics: Diagnostic[]

  constructor(
    /** The file, relative to the project. */
    readonly file: string,
    private readonly src: YamlSource,
  ) {
    this.diagnostics = [...src.diagnostics]
  }

  /** The document's root mapping, or undefined when it is not one. */
  get root(): Obj | undefined {
    return isObj(this.src.value) ? this.src.value : undefined
  }

  /** Where `path` is in the file. */
  at(path: YamlPath): SourcePosition | undefined {
    return this.src.positionOf(path)
  }

  /** Reports an entry that does not have the shape its section needs. */
  bad(path: YamlPath, reason: string): void {
    const at = this.at(path)
    this.diagnostics.push(
      makeDiagnostic(
        'config-invalid-value',
        { path: path.join('.'), reason },
        `${path.join('.')}: ${reason}`,
        { file: this.file, ...(at === undefined ? {} : { at }) },
      ),
    )
  }

  /** The `data_tests:` (dbt ≥ 1.8) or `tests:` of an entry. */
  testsOf(value: Obj, path: YamlPath): TestSpec[] {
    const key = 'data_tests' in value ? 'data_tests' : 'tests'
    return list(value[key]).flatMap((t, i) => {
      const spec = parseTest(t, this.file, this.at([...path, key, i]))
      if (spec === undefined)
        this.bad([...path, key, i], 'a test is a name or a {name: {arguments}} map')
      return spec === undefined ? [] : [spec]
    })
  }

  /** The `columns:` of an entry. */
  columnsOf(value: Obj, path: YamlPath): ColumnSpec[] {
    return list(value['columns']).flatMap((c, i) => {
      if (!isObj(c) || typeof c['name'] !== 'string') {
        this.bad([...path, 'columns', i], 'a column needs a name')
        return []
      }
      return [
        {
          name: c['name'],
          description: str(c['description']),
          data_type: typeof c['data_type'] === 'string' ? c['data_type'] : null,
          meta: isObj(c['meta']) ? c['meta'] : {},
          tags: tags(c['tags']),
          tests: this.testsOf(c, [...path, 'columns', i]),
        },
      ]
    })
  }
}
