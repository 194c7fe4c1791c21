/**
 * @module transform/project/schema-yaml-entries
 * The small entries of schema YAML: one test (name, `{name: {args}}`, `test_name:` form, 1.10's
 * `arguments:` block, config keys beside the arguments) and a `freshness:` block.
 */
import type { SourcePosition } from '../../core/index.js'
import type { TestSpec } from './schema-types.js'
import type { FreshnessRule } from './types.js'

/** Test config keys that may sit beside a test's arguments (dbt < 1.10 style). */
const TEST_CONFIG_KEYS = new Set([
  'severity',
  'where',
  'limit',
  'warn_if',
  'error_if',
  'fail_calc',
  'store_failures',
  'store_failures_as',
  'tags',
  'enabled',
  'meta',
  'alias',
  'schema',
  'database',
])

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v)

/** One test entry, or undefined when it has no recognisable shape. */
export function parseTest(
  t: unknown,
  file: string,
  at: SourcePosition | undefined,
): TestSpec | undefined {
  const where = { file, ...(at === undefined ? {} : { at }) }
  if (typeof t === 'string') return { ...splitName(t), kwargs: {}, config: {}, ...where }
  if (!isObj(t)) return undefined
  let name: string
  let body: Obj
  if (typeof t['test_name'] === 'string') {
    name = t['test_name']
    body = t
  } else {
    const keys = Object.keys(t)
    if (keys.length !== 1) return undefined
    name = keys[0]!
    body = isObj(t[name]) ? (t[name] as Obj) : {}
  }
  const kwargs: Obj = isObj(body['arguments']) ? { ...body['arguments'] } : {}
  const config: Obj = isObj(body['config']) ? { ...body['config'] } : {}
  for (const [k, v] of Object.entries(body)) {
    if (k === 'config' || k === 'arguments' || k === 'test_name' || k === 'name') continue
    if (TEST_CONFIG_KEYS.has(k)) config[k] = v
    else kwargs[k] = v
  }
  const customName = typeof body['name'] === 'string' ? body['name'] : undefined
  return {
    ...splitName(name),
    ...(customName === undefined ? {} : { customName }),
    kwargs,
    config,
    ...where,
  }
}

function splitName(name: string): { testName: string; namespace: string | null } {
  const dot = name.indexOf('.')
  return dot < 0
    ? { testName: name, namespace: null }
    : { testName: name.slice(dot + 1), namespace: name.slice(0, dot) }
}

/** A `freshness:` block; null when it is not a mapping, undefined when absent. */
export function parseFreshness(v: unknown): FreshnessRule | null | undefined {
  if (v === undefined) return undefined
  if (!isObj(v)) return null
  const after = (x: unknown): { count: number | null; period: string | null } =>
    isObj(x)
      ? {
          count: typeof x['count'] === 'number' ? x['count'] : null,
          period: typeof x['period'] === 'string' ? x['period'] : null,
        }
      : { count: null, period: null }
  return {
    warn_after: after(v['warn_after']),
    error_after: after(v['error_after']),
    filter: typeof v['filter'] === 'string' ? v['filter'] : null,
  }
}
