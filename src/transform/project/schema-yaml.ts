/**
 * @module transform/project/schema-yaml
 * Reads schema YAML files (`models:`, `sources:`, `seeds:`, `snapshots:`, `analyses:`,
 * `unit_tests:`, `exposures:`) into plain specs, with the line of every entry, accepting both
 * `tests:` and dbt 1.8's `data_tests:`, and 1.10's `arguments:` block on tests.
 */
import {
  makeDiagnostic,
  parseYamlSource,
  type Diagnostic,
  type SourcePosition,
} from '../../core/index.js'
import { parseFreshness, parseTest } from './schema-yaml-entries.js'
import type { FreshnessRule, UnitTestDef } from './types.js'

/** A generic test as written in YAML. */
export interface TestSpec {
  /** `not_null`, `accepted_range`, … */
  readonly testName: string
  /** `dbt_utils` for `dbt_utils.accepted_range`, else null. */
  readonly namespace: string | null
  /** A `name:` given by the user. */
  readonly customName?: string
  readonly kwargs: Readonly<Record<string, unknown>>
  readonly config: Readonly<Record<string, unknown>>
  readonly file: string
  readonly at?: SourcePosition
}

/** A column in schema YAML. */
export interface ColumnSpec {
  readonly name: string
  readonly description: string
  readonly data_type: string | null
  readonly meta: Readonly<Record<string, unknown>>
  readonly tags: readonly string[]
  readonly tests: readonly TestSpec[]
}

/** A `models:` / `seeds:` / `snapshots:` / `analyses:` entry. */
export interface NodePatch {
  readonly kind: 'models' | 'seeds' | 'snapshots' | 'analyses'
  readonly name: string
  readonly description: string
  readonly config: Readonly<Record<string, unknown>>
  readonly columns: readonly ColumnSpec[]
  readonly tests: readonly TestSpec[]
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  /** YAML snapshots (dbt 1.9): `relation: source('s', 't')`. */
  readonly relation?: string
  readonly file: string
  readonly at?: SourcePosition
}

/** One table of a source. */
export interface SourceTableSpec {
  readonly name: string
  readonly identifier?: string
  readonly description: string
  readonly columns: readonly ColumnSpec[]
  readonly tests: readonly TestSpec[]
  readonly freshness: FreshnessRule | null | undefined
  readonly loaded_at_field: string | null | undefined
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  readonly enabled: boolean
}

/** A `sources:` entry. */
export interface SourceSpec {
  readonly name: string
  readonly description: string
  readonly database?: string
  readonly schema?: string
  readonly loader: string
  readonly freshness: FreshnessRule | null | undefined
  readonly loaded_at_field: string | null | undefined
  readonly tags: readonly string[]
  readonly meta: Readonly<Record<string, unknown>>
  readonly tables: readonly SourceTableSpec[]
  readonly file: string
}

/** An `exposures:` entry. */
export interface ExposureSpec {
  readonly name: string
  readonly type: string
  readonly owner: Readonly<Record<string, unknown>>
  readonly description: string
  readonly url: string | null
  readonly depends_on: readonly string[]
  readonly file: string
}

/** Everything one schema file holds. */
export interface SchemaFile {
  readonly patches: readonly NodePatch[]
  readonly sources: readonly SourceSpec[]
  readonly unitTests: readonly UnitTestDef[]
  readonly exposures: readonly ExposureSpec[]
  readonly diagnostics: readonly Diagnostic[]
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v))
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const tags = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v == null ? [] : [String(v)]

/** Parses one schema YAML file. Never throws: problems come back as diagnostics. */
export function parseSchemaFile(file: string, text: string): SchemaFile {
  const src = parseYamlSource(text, file)
  const diagnostics: Diagnostic[] = [...src.diagnostics]
  const out = {
    patches: [] as NodePatch[],
    sources: [] as SourceSpec[],
    unitTests: [] as UnitTestDef[],
    exposures: [] as ExposureSpec[],
  }
  if (!isObj(src.value)) return { ...out, diagnostics }
  const root = src.value
  const bad = (path: (string | number)[], reason: string): void => {
    const at = src.positionOf(path)
    diagnostics.push(
      makeDiagnostic(
        'config-invalid-value',
        { path: path.join('.'), reason },
        `${path.join('.')}: ${reason}`,
        {
          file,
          ...(at === undefined ? {} : { at }),
        },
      ),
    )
  }
  const testsOf = (value: Obj, path: (string | number)[]): TestSpec[] => {
    const key = 'data_tests' in value ? 'data_tests' : 'tests'
    return list(value[key]).flatMap((t, i) => {
      const spec = parseTest(t, file, src.positionOf([...path, key, i]))
      if (spec === undefined)
        bad([...path, key, i], 'a test is a name or a {name: {arguments}} map')
      return spec === undefined ? [] : [spec]
    })
  }
  const columnsOf = (value: Obj, path: (string | number)[]): ColumnSpec[] =>
    list(value['columns']).flatMap((c, i) => {
      if (!isObj(c) || typeof c['name'] !== 'string') {
        bad([...path, 'columns', i], 'a column needs a name')
        return []
      }
      return [
        {
          name: c['name'],
          description: str(c['description']),
          data_type: typeof c['data_type'] === 'string' ? c['data_type'] : null,
          meta: isObj(c['meta']) ? c['meta'] : {},
          tags: tags(c['tags']),
          tests: testsOf(c, [...path, 'columns', i]),
        },
      ]
    })

  for (const kind of ['models', 'seeds', 'snapshots', 'analyses'] as const) {
    list(root[kind]).forEach((entry, i) => {
      if (!isObj(entry) || typeof entry['name'] !== 'string') {
        bad([kind, i], `each entry of ${kind}: needs a name`)
        return
      }
      const at = src.positionOf([kind, i])
      out.patches.push({
        kind,
        name: entry['name'],
        description: str(entry['description']),
        config: isObj(entry['config']) ? entry['config'] : {},
        columns: columnsOf(entry, [kind, i]),
        tests: testsOf(entry, [kind, i]),
        tags: tags(entry['tags']),
        meta: isObj(entry['meta']) ? entry['meta'] : {},
        ...(typeof entry['relation'] === 'string' ? { relation: entry['relation'] } : {}),
        file,
        ...(at === undefined ? {} : { at }),
      })
    })
  }

  list(root['sources']).forEach((s, i) => {
    if (!isObj(s) || typeof s['name'] !== 'string') {
      bad(['sources', i], 'each source needs a name')
      return
    }
    const sconf = isObj(s['config']) ? s['config'] : {}
    out.sources.push({
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
      file,
      tables: list(s['tables']).flatMap((t, j) => {
        if (!isObj(t) || typeof t['name'] !== 'string') {
          bad(['sources', i, 'tables', j], 'each source table needs a name')
          return []
        }
        const tconf = isObj(t['config']) ? t['config'] : {}
        return [
          {
            name: t['name'],
            ...(typeof t['identifier'] === 'string' ? { identifier: t['identifier'] } : {}),
            description: str(t['description']),
            columns: columnsOf(t, ['sources', i, 'tables', j]),
            tests: testsOf(t, ['sources', i, 'tables', j]),
            freshness: parseFreshness(t['freshness'] ?? tconf['freshness']),
            loaded_at_field: (t['loaded_at_field'] ?? tconf['loaded_at_field']) as
              string | null | undefined,
            tags: tags(t['tags']),
            meta: isObj(t['meta']) ? t['meta'] : {},
            enabled: tconf['enabled'] !== false,
          },
        ]
      }),
    })
  })

  list(root['unit_tests']).forEach((u, i) => {
    if (!isObj(u) || typeof u['name'] !== 'string' || typeof u['model'] !== 'string') {
      bad(['unit_tests', i], 'a unit test needs a name and a model')
      return
    }
    const expect = isObj(u['expect']) ? u['expect'] : {}
    out.unitTests.push({
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
      file,
    })
  })

  list(root['exposures']).forEach((e, i) => {
    if (!isObj(e) || typeof e['name'] !== 'string') {
      bad(['exposures', i], 'an exposure needs a name')
      return
    }
    out.exposures.push({
      name: e['name'],
      type: str(e['type']) || 'application',
      owner: isObj(e['owner']) ? e['owner'] : {},
      description: str(e['description']),
      url: typeof e['url'] === 'string' ? e['url'] : null,
      depends_on: list(e['depends_on']).map(String),
      file,
    })
  })
  return { ...out, diagnostics }
}
