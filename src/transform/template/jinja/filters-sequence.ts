/**
 * @module transform/template/jinja/filters-sequence
 * Jinja2's filters over sequences and mappings: `map`, `select`/`reject`(`attr`), `sort`,
 * `unique`, `groupby`, `dictsort`, `batch`, `slice`, `sum`, `min`/`max`, `join`, `first`/`last`,
 * `list`, `length`, with Jinja2's `attribute=` paths (`a.b`, `0`) and case-insensitive defaults.
 */
import { runtimeError } from './errors.js'
import { add, getitem, iterate, length } from './ops.js'
import type { FilterFn, RenderState } from './runtime.js'
import {
  dictKey,
  type Kwargs,
  mappingEntries,
  pyEquals,
  pyLess,
  str,
  toNumber,
  truthy,
  tuple,
  Undefined,
} from './values.js'

/** Positional argument `i`, else keyword `name`, else `fallback`. */
export function arg(
  args: unknown[],
  kw: Kwargs,
  i: number,
  name: string,
  fallback: unknown,
): unknown {
  if (i < args.length) return args[i]
  return name in kw ? kw[name] : fallback
}

/** Jinja2's attribute getter: `a.b.0` walks items and attributes. */
function attrGetter(attribute: unknown, dflt?: unknown): (item: unknown) => unknown {
  const parts =
    typeof attribute === 'string'
      ? attribute.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
      : [attribute]
  return (item) => {
    let v = item
    for (const p of parts) {
      v = getitem(v, p)
      if (v instanceof Undefined) break
    }
    if (v instanceof Undefined && dflt !== undefined) return dflt
    return v
  }
}

function keyOf(caseSensitive: boolean): (v: unknown) => unknown {
  return caseSensitive ? (v) => v : (v) => (typeof v === 'string' ? v.toLowerCase() : v)
}

function pySort(items: unknown[], key: (v: unknown) => unknown, reverse = false): unknown[] {
  const keyed = items.map((v) => [key(v), v] as const)
  keyed.sort((a, b) => (pyLess(a[0], b[0]) ? -1 : pyLess(b[0], a[0]) ? 1 : 0))
  if (reverse) {
    // Python's reverse sort keeps equal items in their original order.
    keyed.sort((a, b) => (pyLess(b[0], a[0]) ? -1 : pyLess(a[0], b[0]) ? 1 : 0))
  }
  return keyed.map(([, v]) => v)
}

function testOf(state: RenderState, args: unknown[], offset: number): (v: unknown) => boolean {
  if (args.length <= offset) return truthy
  const name = String(args[offset])
  const test = state.tests.get(name)
  if (test === undefined) throw runtimeError(`No test named '${name}'`)
  const rest = args.slice(offset + 1)
  return (v) => test(v, rest, state)
}

function minMax(pick: 'min' | 'max'): FilterFn {
  return (v, args, kw) => {
    const items = iterate(v)
    if (items.length === 0) return new Undefined('No aggregated item, sequence was empty.')
    const caseSensitive = truthy(arg(args, kw, 0, 'case_sensitive', false))
    const attribute = arg(args, kw, 1, 'attribute', null)
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute)
    const key = keyOf(caseSensitive)
    let best = items[0]
    for (const x of items.slice(1)) {
      const better =
        pick === 'max' ? pyLess(key(get(best)), key(get(x))) : pyLess(key(get(x)), key(get(best)))
      if (better) best = x
    }
    return best
  }
}

/** The sequence filters by name. */
export const SEQUENCE_FILTERS: Record<string, FilterFn> = {
  batch: (v, args, kw) => {
    const n = toNumber(arg(args, kw, 0, 'linecount', 1) as number)
    const fill = arg(args, kw, 1, 'fill_with', null)
    const out: unknown[][] = []
    let cur: unknown[] = []
    for (const x of iterate(v)) {
      if (cur.length === n) {
        out.push(cur)
        cur = []
      }
      cur.push(x)
    }
    if (cur.length > 0) {
      if (fill !== null) while (cur.length < n) cur.push(fill)
      out.push(cur)
    }
    return out
  },
  count: (v) => length(v),
  dictsort: (v, args, kw) => {
    const caseSensitive = truthy(arg(args, kw, 0, 'case_sensitive', false))
    const by = arg(args, kw, 1, 'by', 'key')
    const reverse = truthy(arg(args, kw, 2, 'reverse', false))
    const pos = by === 'value' ? 1 : 0
    const key = keyOf(caseSensitive)
    const items = mappingEntries(v).map((e) => tuple(e))
    return pySort(items, (e) => key((e as unknown[])[pos]), reverse)
  },
  first: (v) => {
    const items = iterate(v)
    return items.length === 0 ? new Undefined('No first item, sequence was empty.') : items[0]
  },
  groupby: (v, args, kw) => {
    const attribute = arg(args, kw, 0, 'attribute', null)
    const dflt = arg(args, kw, 1, 'default', undefined)
    const caseSensitive = truthy(arg(args, kw, 2, 'case_sensitive', false))
    const get = attrGetter(attribute, dflt)
    const key = keyOf(caseSensitive)
    const sorted = pySort(iterate(v), (x) => key(get(x)))
    const groups: unknown[] = []
    let current: { key: unknown; grouper: unknown; items: unknown[] } | undefined
    for (const x of sorted) {
      const k = key(get(x))
      if (current === undefined || !pyEquals(current.key, k)) {
        current = { key: k, grouper: get(x), items: [] }
        const group = tuple([current.grouper, current.items])
        Object.defineProperty(group, 'grouper', { value: current.grouper })
        Object.defineProperty(group, 'list', { value: current.items })
        groups.push(group)
      }
      current.items.push(x)
    }
    return groups
  },
  items: (v) => (v instanceof Undefined ? [] : mappingEntries(v).map((e) => tuple(e))),
  join: (v, args, kw) => {
    const sep = str(arg(args, kw, 0, 'd', ''))
    const attribute = arg(args, kw, 1, 'attribute', null)
    let items = iterate(v)
    if (attribute !== null) items = items.map(attrGetter(attribute))
    return items.map(str).join(sep)
  },
  last: (v) => {
    const items = iterate(v)
    return items.length === 0
      ? new Undefined('No last item, sequence was empty.')
      : items[items.length - 1]
  },
  length: (v) => length(v),
  list: (v) => [...iterate(v)],
  map: (v, args, kw, state) => {
    const items = lazyItems(v)
    if (args.length === 0 && 'attribute' in kw) {
      const get = attrGetter(kw['attribute'], 'default' in kw ? kw['default'] : undefined)
      return items.map(get)
    }
    if (args.length === 0) return [...items]
    const name = String(args[0])
    const filter = state.filters.get(name)
    if (filter === undefined) throw runtimeError(`No filter named '${name}'`)
    const rest = args.slice(1)
    return items.map((x) => filter(x, rest, kw, state))
  },
  max: minMax('max'),
  min: minMax('min'),
  reject: (v, args, _kw, state) => {
    const test = testOf(state, args, 0)
    return lazyItems(v).filter((x) => !test(x))
  },
  rejectattr: (v, args, _kw, state) => {
    const get = attrGetter(args[0])
    const test = testOf(state, args, 1)
    return lazyItems(v).filter((x) => !test(get(x)))
  },
  reverse: (v) => {
    if (typeof v === 'string') return Array.from(v).reverse().join('')
    return [...iterate(v)].reverse()
  },
  select: (v, args, _kw, state) => {
    const test = testOf(state, args, 0)
    return lazyItems(v).filter((x) => test(x))
  },
  selectattr: (v, args, _kw, state) => {
    const get = attrGetter(args[0])
    const test = testOf(state, args, 1)
    return lazyItems(v).filter((x) => test(get(x)))
  },
  slice: (v, args, kw) => {
    const items = iterate(v)
    const n = toNumber(arg(args, kw, 0, 'slices', 1) as number)
    const fill = arg(args, kw, 1, 'fill_with', null)
    const per = Math.floor(items.length / n)
    const extra = items.length % n
    const out: unknown[][] = []
    let offset = 0
    for (let i = 0; i < n; i++) {
      const size = per + (i < extra ? 1 : 0)
      const part = items.slice(offset, offset + size)
      offset += size
      if (fill !== null && i >= extra && extra > 0) part.push(fill)
      out.push(part)
    }
    return out
  },
  sort: (v, args, kw) => {
    const reverse = truthy(arg(args, kw, 0, 'reverse', false))
    const caseSensitive = truthy(arg(args, kw, 1, 'case_sensitive', false))
    const attribute = arg(args, kw, 2, 'attribute', null)
    const key = keyOf(caseSensitive)
    if (typeof attribute === 'string' && attribute.includes(',')) {
      const getters = attribute.split(',').map((a) => attrGetter(a.trim()))
      return pySort(iterate(v), (x) => getters.map((g) => key(g(x))), reverse)
    }
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute)
    return pySort(iterate(v), (x) => key(get(x)), reverse)
  },
  sum: (v, args, kw) => {
    const attribute = arg(args, kw, 0, 'attribute', null)
    let total = arg(args, kw, 1, 'start', 0)
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute)
    for (const x of iterate(v)) total = add(total, get(x))
    return total
  },
  unique: (v, args, kw) => {
    const caseSensitive = truthy(arg(args, kw, 0, 'case_sensitive', false))
    const attribute = arg(args, kw, 1, 'attribute', null)
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute)
    const key = keyOf(caseSensitive)
    const seen: unknown[] = []
    const out: unknown[] = []
    for (const x of iterate(v)) {
      const k = dictKey(key(get(x)))
      if (seen.some((s) => pyEquals(s, k))) continue
      seen.push(k)
      out.push(x)
    }
    return out
  },
}

/**
 * The items `map`/`select`/`reject` go over: none for a false value. Jinja2's versions are
 * generators that start with `if value:`, so `none | map('lower')` is empty, not an error
 * (dbt_utils' equality test relies on it).
 */
function lazyItems(v: unknown): unknown[] {
  return truthy(v) ? iterate(v) : []
}
