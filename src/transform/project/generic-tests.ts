/**
 * @module transform/project/generic-tests
 * Turns the tests listed in schema YAML into test nodes, named the way dbt names them
 * (`not_null_silver_laps_lap_number`, `accepted_values_x_status__a__b`,
 * `dbt_utils_accepted_range_x_speed__300__0`), with `test_metadata` kept for the compiler.
 */
import { md5Hex } from '../template/dbt/md5.js'
import type { TestSpec } from './schema-types.js'

/** A generic test's two names, as dbt makes them. */
export interface GenericTestNames {
  /** The node's name, in its unique id and fqn (`accepted_values_orders_status__placed__…`). */
  readonly full: string
  /**
   * The name under 64 characters: the full name, or its first 30 identifying characters and the
   * MD5 of the full name (`accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758`). It is the
   * test's alias (its store_failures table) and compiled file name.
   */
  readonly short: string
}

/** dbt's generated test names (`synthesize_generic_test_names` in dbt-core). */
export function genericTestName(
  testName: string,
  namespace: string | null,
  targetName: string,
  kwargs: Readonly<Record<string, unknown>>,
): GenericTestNames {
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
  const ident = `${namespace === null ? testName : `${namespace}_${testName}`}_${targetName}`
  const full = `${ident}_${unique}`
  return { full, short: full.length >= 64 ? `${ident.slice(0, 30)}_${md5Hex(full)}` : full }
}

/**
 * The hash dbt appends to a generic test's unique id: the last 10 hex digits of the MD5 of its
 * name and the Python `repr` of its `test_metadata` (keys sorted, every leaf as `str()`), so ids
 * match dbt's (`test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1`).
 */
export function testIdHash(
  name: string,
  metadata: {
    readonly name: string
    readonly kwargs: Readonly<Record<string, unknown>>
    readonly namespace: string | null
  },
): string {
  return md5Hex(`${name}${pythonRepr(hashable(metadata))}`).slice(-10)
}

/** dbt's `get_hashable_md`: dicts with sorted keys, lists kept, everything else `str()`. */
function hashable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hashable)
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return new Map(
      Object.keys(o)
        .sort()
        .map((k) => [k, hashable(o[k])]),
    )
  }
  return pythonStr(v)
}

/** Python's `repr` of the values `hashable` makes (str, list, dict). */
function pythonRepr(v: unknown): string {
  if (typeof v === 'string') return pythonStrRepr(v)
  if (Array.isArray(v)) return `[${v.map(pythonRepr).join(', ')}]`
  if (v instanceof Map) {
    return `{${[...v.entries()].map(([k, x]) => `${pythonStrRepr(String(k))}: ${pythonRepr(x)}`).join(', ')}}`
  }
  return pythonStr(v)
}

/** Python's `repr(str)`: single quotes unless the text has one and no double quote. */
function pythonStrRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = ''
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === q) out += `\\${q}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return `${q}${out}${q}`
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
  if (typeof v === 'object') return pythonRepr(hashableStrict(v))
  return String(v)
}

/** Nested values as Python prints them inside a `str()` (`{'a': 1}`, `['x', 2]`). */
function hashableStrict(v: unknown): unknown {
  if (Array.isArray(v))
    return v.map((x) => (typeof x === 'object' && x !== null ? hashableStrict(x) : x))
  if (v !== null && typeof v === 'object') {
    return new Map(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        k,
        typeof x === 'object' && x !== null ? hashableStrict(x) : x,
      ]),
    )
  }
  return v
}
