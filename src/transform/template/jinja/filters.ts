/**
 * @module transform/template/jinja/filters
 * Jinja2's built-in filters: the text and number ones here, the sequence ones in
 * `filters-sequence.ts`, plus dbt's text filters, which return the value unchanged when SQL is
 * rendered (`as_bool`, `as_number`, `as_native`, `as_text`).
 */
import { runtimeError } from './errors.js'
import { arg, SEQUENCE_FILTERS } from './filters-sequence.js'
import { printf, toFixed } from './format.js'
import { jsonDumps } from './json.js'
import { methodOf } from './methods.js'
import { getattr } from './ops.js'
import type { FilterFn } from './runtime.js'
import {
  isMapping,
  isNumeric,
  mappingEntries,
  pyFloat,
  PyFloat,
  repr,
  str,
  toNumber,
  truthy,
  tuple,
  typeName,
  Undefined,
} from './values.js'

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
  ...SEQUENCE_FILTERS,
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
  default: (v, args, kw) => {
    const dflt = arg(args, kw, 0, 'default_value', '')
    const boolean = truthy(arg(args, kw, 1, 'boolean', false))
    if (v instanceof Undefined || (boolean && !truthy(v))) return dflt
    return v
  },
  escape: (v) => htmlEscape(str(v)),
  float: (v, args, kw) => toFloat(v, arg(args, kw, 0, 'default', new PyFloat(0))),
  forceescape: (v) => htmlEscape(str(v)),
  format: (v, args, kw) =>
    printf(str(v), Object.keys(kw).length > 0 ? new Map(Object.entries(kw)) : tuple(args)),
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
  lower: (v) => str(v).toLowerCase(),
  pprint: (v) => repr(v),
  replace: (v, args, kw) => {
    const s = str(v)
    const old = str(arg(args, kw, 0, 'old', ''))
    const repl = str(arg(args, kw, 1, 'new', ''))
    const count = arg(args, kw, 2, 'count', null)
    return methodOf(s, 'replace')!.call(count === null ? [old, repl] : [old, repl, count], {})
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
  string: (v) => str(v),
  striptags: (v) =>
    str(v)
      .replace(/<!--.*?-->|<[^>]*>/gs, '')
      .replace(/\s+/g, ' ')
      .trim(),
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
