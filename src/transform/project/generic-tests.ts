/**
 * @module transform/project/generic-tests
 * Turns the tests listed in schema YAML into test nodes, named the way dbt names them
 * (`not_null_silver_laps_lap_number`, `accepted_values_x_status__a__b`,
 * `dbt_utils_accepted_range_x_speed__300__0`), with `test_metadata` kept for the compiler.
 */
import { sha256Hex } from '../content-hash.js'
import type { TestSpec } from './schema-types.js'

/** dbt's generated test name (`synthesize_generic_test_names`). */
export function genericTestName(
  testName: string,
  namespace: string | null,
  targetName: string,
  kwargs: Readonly<Record<string, unknown>>,
): string {
  const flat: string[] = []
  for (const key of Object.keys(kwargs).sort()) {
    if (key === 'model') continue
    const v = kwargs[key]
    const parts =
      v !== null && typeof v === 'object' && !Array.isArray(v)
        ? Object.values(v)
        : Array.isArray(v)
          ? v
          : [v]
    for (const p of parts) flat.push(pythonStr(p))
  }
  const unique = flat.map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_')).join('__')
  const ident = namespace === null ? testName : `${namespace}_${testName}`
  const full = unique === '' ? `${ident}_${targetName}` : `${ident}_${targetName}_${unique}`
  if (full.length < 64) return full
  return `${ident.slice(0, 30)}_${sha256Hex(full).slice(0, 32)}`
}

/** The arguments a generic test's macro is called with (column_name included when given). */
export function testKwargs(
  spec: TestSpec,
  columnName: string | null,
  modelRef: string,
): Record<string, unknown> {
  return {
    ...(columnName === null ? {} : { column_name: columnName }),
    ...spec.kwargs,
    model: `{{ get_where_subquery(${modelRef}) }}`,
  }
}

/** `ref('x')` and `source('s', 't')` calls inside test arguments (e.g. relationships' `to`). */
export function kwargDependencies(kwargs: Readonly<Record<string, unknown>>): {
  refs: string[]
  sources: [string, string][]
} {
  const refs: string[] = []
  const sources: [string, string][] = []
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(/\bref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?\)/g))
        refs.push(m[2] ?? m[1]!)
      for (const m of v.matchAll(/\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g))
        sources.push([m[1]!, m[2]!])
    } else if (Array.isArray(v)) v.forEach(visit)
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(visit)
  }
  for (const [k, v] of Object.entries(kwargs)) if (k !== 'model') visit(v)
  return { refs, sources }
}

/** True when a string argument is a bare Jinja call such as `ref('x')` (rendered at compile). */
export function isBareCall(v: string): boolean {
  return /^\s*(ref|source|var|env_var)\s*\(.*\)\s*$/s.test(v)
}

/** Python's `str()` of a YAML value, so generated names match dbt's (`False`, `None`). */
function pythonStr(v: unknown): string {
  if (v === true) return 'True'
  if (v === false) return 'False'
  if (v === null || v === undefined) return 'None'
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}
