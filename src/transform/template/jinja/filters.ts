/**
 * @module transform/template/jinja/filters
 * Jinja2's built-in filters, with Jinja2's arguments and edge cases (empty sequences, case
 * sensitivity, `attribute=` paths like `a.b` or `0`), plus dbt's text filters, which return the
 * value unchanged when SQL is rendered (`as_bool`, `as_number`, `as_native`, `as_text`).
 */
import { runtimeError } from './errors.js'
import { printf, toFixed } from './format.js'
import { jsonDumps } from './json.js'
import { methodOf } from './methods.js'
import { add, getattr, getitem, iterate, length } from './ops.js'
import type { FilterFn, RenderState } from './runtime.js'
import {
  dictKey,
  isMapping,
  isNumeric,
  type Kwargs,
  mappingEntries,
  pyEquals,
  pyFloat,
  pyLess,
  PyFloat,
  repr,
  str,
  toNumber,
  truthy,
  tuple,
  typeName,
  Undefined,
} from './values.js'

/** Positional argument `i`, else keyword `name`, else `fallback`. */
function arg(args: unknown[], kw: Kwargs, i: number, name: string, fallback: unknown): unknown {
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

function roundHalfEven(x: number, digits: number): number {
  // Python rounds the exact binary value, ties to even: round(2.675, 2) == 2.67.
  if (digits >= 0) return Number(toFixed(x, digits))
  const f = 10 ** digits
  const m = x * f
  let r = Math.round(m)
  if (Math.abs(m % 1) === 0.5) r = 2 * Math.round(m / 2)
  return r / f
}

function toInt(v: unknown, dflt: unknown, base: number): unknown {
  if (typeof v === 'number' || v instanceof PyFloat || typeof v === 'boolean') {
    return Math.trunc(toNumber(v))
  }
  if (typeof v === 'string') {
    const s = v.trim().replaceAll('_', '')
    if (base !== 10) {
      const body = s.replace(/^0[xob]/i, '')
      const n = parseInt(body, base)
      return Number.isNaN(n) ? dflt : n
    }
    if (/^[-+]?\d+$/.test(s)) return Number(s)
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return Math.trunc(Number(s))
  }
  return dflt
}

function toFloat(v: unknown, dflt: unknown): unknown {
  if (isNumeric(v)) return pyFloat(toNumber(v))
  if (typeof v === 'string') {
    const s = v.trim()
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return pyFloat(Number(s))
    if (/^[-+]?(inf|infinity|nan)$/i.test(s)) return Number(s.replace(/inf(inity)?/i, 'Infinity'))
  }
  return dflt
}

function htmlEscape(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&#34;')
    .replaceAll("'", '&#39;')
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

function wordwrap(s: string, width: number, breakLong: boolean, wrap: string): string {
  const lines: string[] = []
  for (const para of s.split('\n')) {
    let line = ''
    for (const word of para.split(/\s+/).filter((w) => w !== '')) {
      let w = word
      while (breakLong && w.length > width) {
        if (line !== '') {
          lines.push(line)
          line = ''
        }
        lines.push(w.slice(0, width))
        w = w.slice(width)
      }
      if (line === '') line = w
      else if (line.length + 1 + w.length <= width) line += ` ${w}`
      else {
        lines.push(line)
        line = w
      }
    }
    lines.push(line)
  }
  return lines.join(wrap)
}

const F: Record<string, FilterFn> = {
  abs: (v) => {
    if (!isNumeric(v)) throw runtimeError(`bad operand type for abs(): '${typeName(v)}'`)
    const n = Math.abs(toNumber(v))
    return v instanceof PyFloat ? pyFloat(n) : n
  },
  attr: (v, [name]) => {
    if (v instanceof Map || (isMapping(v) && Object.getPrototypeOf(v) === Object.prototype)) {
      return (
        methodOf(v, String(name)) ??
        new Undefined(`'dict object' has no attribute '${String(name)}'`)
      )
    }
    return getattr(v, String(name))
  },
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
  capitalize: (v) => {
    const s = str(v)
    return s === '' ? s : s[0]!.toUpperCase() + s.slice(1).toLowerCase()
  },
  center: (v, args, kw) => {
    const s = str(v)
    const w = toNumber(arg(args, kw, 0, 'width', 80) as number)
    if (s.length >= w) return s
    const total = w - s.length
    const left = Math.floor(total / 2) + (total & w & 1)
    return ' '.repeat(left) + s + ' '.repeat(total - left)
  },
  count: (v) => length(v),
  default: (v, args, kw) => {
    const dflt = arg(args, kw, 0, 'default_value', '')
    const boolean = truthy(arg(args, kw, 1, 'boolean', false))
    if (v instanceof Undefined || (boolean && !truthy(v))) return dflt
    return v
  },
  dictsort: (v, args, kw) => {
    const caseSensitive = truthy(arg(args, kw, 0, 'case_sensitive', false))
    const by = arg(args, kw, 1, 'by', 'key')
    const reverse = truthy(arg(args, kw, 2, 'reverse', false))
    const pos = by === 'value' ? 1 : 0
    const key = keyOf(caseSensitive)
    const items = mappingEntries(v).map((e) => tuple(e))
    return pySort(items, (e) => key((e as unknown[])[pos]), reverse)
  },
  escape: (v) => htmlEscape(str(v)),
  first: (v) => {
    const items = iterate(v)
    return items.length === 0 ? new Undefined('No first item, sequence was empty.') : items[0]
  },
  float: (v, args, kw) => toFloat(v, arg(args, kw, 0, 'default', new PyFloat(0))),
  forceescape: (v) => htmlEscape(str(v)),
  format: (v, args, kw) =>
    printf(str(v), Object.keys(kw).length > 0 ? new Map(Object.entries(kw)) : tuple(args)),
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
  indent: (v, args, kw) => {
    const w = arg(args, kw, 0, 'width', 4)
    const first = truthy(arg(args, kw, 1, 'first', false))
    const blank = truthy(arg(args, kw, 2, 'blank', false))
    const pad = typeof w === 'string' ? w : ' '.repeat(toNumber(w as number))
    const lines = str(v).split('\n')
    return lines
      .map((l, i) => ((i === 0 && !first) || (!blank && l.trim() === '') ? l : pad + l))
      .join('\n')
  },
  int: (v, args, kw) =>
    toInt(v, arg(args, kw, 0, 'default', 0), toNumber(arg(args, kw, 1, 'base', 10) as number)),
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
  lower: (v) => str(v).toLowerCase(),
  map: (v, args, kw, state) => {
    const items = iterate(v)
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
  pprint: (v) => repr(v),
  reject: (v, args, _kw, state) => {
    const test = testOf(state, args, 0)
    return iterate(v).filter((x) => !test(x))
  },
  rejectattr: (v, args, _kw, state) => {
    const get = attrGetter(args[0])
    const test = testOf(state, args, 1)
    return iterate(v).filter((x) => !test(get(x)))
  },
  replace: (v, args, kw) => {
    const s = str(v)
    const old = str(arg(args, kw, 0, 'old', ''))
    const repl = str(arg(args, kw, 1, 'new', ''))
    const count = arg(args, kw, 2, 'count', null)
    return methodOf(s, 'replace')!.call(count === null ? [old, repl] : [old, repl, count], {})
  },
  reverse: (v) => {
    if (typeof v === 'string') return Array.from(v).reverse().join('')
    return [...iterate(v)].reverse()
  },
  round: (v, args, kw) => {
    const precision = toNumber(arg(args, kw, 0, 'precision', 0) as number)
    const method = str(arg(args, kw, 1, 'method', 'common'))
    const n = toNumber(v as number)
    const f = 10 ** precision
    let r: number
    if (method === 'ceil') r = Math.ceil(n * f) / f
    else if (method === 'floor') r = Math.floor(n * f) / f
    else if (method === 'common') r = roundHalfEven(n, precision)
    else throw runtimeError('method must be common, ceil or floor')
    return typeof v === 'number' && Number.isInteger(v) && method === 'common' ? r : pyFloat(r)
  },
  safe: (v) => v,
  select: (v, args, _kw, state) => {
    const test = testOf(state, args, 0)
    return iterate(v).filter((x) => test(x))
  },
  selectattr: (v, args, _kw, state) => {
    const get = attrGetter(args[0])
    const test = testOf(state, args, 1)
    return iterate(v).filter((x) => test(get(x)))
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
  string: (v) => str(v),
  striptags: (v) =>
    str(v)
      .replace(/<!--.*?-->|<[^>]*>/gs, '')
      .replace(/\s+/g, ' ')
      .trim(),
  sum: (v, args, kw) => {
    const attribute = arg(args, kw, 0, 'attribute', null)
    let total = arg(args, kw, 1, 'start', 0)
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute)
    for (const x of iterate(v)) total = add(total, get(x))
    return total
  },
  // Jinja2's own rule (not str.title): words start after spaces, dashes and opening brackets.
  title: (v) =>
    str(v)
      .split(/([-\s({[<]+)/)
      .map((w) => (w === '' ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
      .join(''),
  tojson: (v, args, kw) => {
    const indent = arg(args, kw, 0, 'indent', null)
    return jsonDumps(v, {
      sortKeys: true,
      indent: indent === null ? null : toNumber(indent as number),
    })
      .replaceAll('<', '\\u003c')
      .replaceAll('>', '\\u003e')
      .replaceAll('&', '\\u0026')
      .replaceAll("'", '\\u0027')
  },
  trim: (v, args, kw) => methodOf(str(v), 'strip')!.call([arg(args, kw, 0, 'chars', null)], {}),
  truncate: (v, args, kw) => {
    const s = str(v)
    const len = toNumber(arg(args, kw, 0, 'length', 255) as number)
    const killwords = truthy(arg(args, kw, 1, 'killwords', false))
    const end = str(arg(args, kw, 2, 'end', '...'))
    const leeway = toNumber(arg(args, kw, 3, 'leeway', 5) as number)
    if (s.length <= len + leeway) return s
    if (killwords) return s.slice(0, len - end.length) + end
    const cut = s.slice(0, len - end.length)
    const space = cut.lastIndexOf(' ')
    return (space === -1 ? cut : cut.slice(0, space)) + end
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
  upper: (v) => str(v).toUpperCase(),
  urlencode: (v) => {
    const enc = (s: string): string =>
      encodeURIComponent(s)
        .replaceAll('%2F', '/')
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    if (isMapping(v))
      return mappingEntries(v)
        .map(([k, x]) => `${enc(str(k))}=${enc(str(x))}`)
        .join('&')
    return enc(str(v))
  },
  wordcount: (v) =>
    str(v)
      .split(/\s+/)
      .filter((w) => w !== '').length,
  wordwrap: (v, args, kw) =>
    wordwrap(
      str(v),
      toNumber(arg(args, kw, 0, 'width', 79) as number),
      truthy(arg(args, kw, 1, 'break_long_words', true)),
      str(arg(args, kw, 2, 'wrapstring', '\n')),
    ),
  // dbt's text filters: identity when rendering SQL (they only mark values in native rendering).
  as_text: (v) => v,
  as_bool: (v) => v,
  as_native: (v) => v,
  as_number: (v) => v,
}
F['d'] = F['default']!
F['e'] = F['escape']!

/** The built-in filters by name. */
export const FILTERS: ReadonlyMap<string, FilterFn> = new Map(Object.entries(F))
