/**
 * @module transform/template/jinja/methods
 * The Python methods templates call on values: `s.upper()`, `l.append(x)`, `d.items()`,
 * `', '.join(l)`, `'{}'.format(x)`. Dict methods apply to Maps and to plain host objects; an
 * attribute lookup finds a method before an item of the same name, as in Python.
 */
import { runtimeError } from './errors.js'
import { strFormat } from './format.js'
import {
  dictKey,
  isPlainObject,
  isTuple,
  type Kwargs,
  mappingEntries,
  pyEquals,
  PyFunction,
  pyLess,
  str,
  toNumber,
  tuple,
  typeName,
} from './values.js'

type Method<T> = (self: T, args: unknown[], kw: Kwargs) => unknown

const isWs = (c: string): boolean => /\s/.test(c)

function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? null : String(chars)
  const drop = (c: string): boolean => (set === null ? isWs(c) : set.includes(c))
  let a = 0
  let b = s.length
  if (left) while (a < b && drop(s[a]!)) a++
  if (right) while (b > a && drop(s[b - 1]!)) b--
  return s.slice(a, b)
}

function split(s: string, sep: unknown, maxsplit: unknown, fromRight: boolean): string[] {
  const max = maxsplit === undefined ? -1 : toNumber(maxsplit as number)
  if (sep === undefined || sep === null) {
    const words = s
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
    if (max < 0 || words.length <= max + 1) return words
    if (fromRight) {
      const head = s.trimEnd()
      const tail = words.slice(words.length - max)
      const rest = head.slice(0, head.length - tail.join(' ').length).trim()
      return [rest, ...tail]
    }
    const out = words.slice(0, max)
    let rest = s.trimStart()
    for (const w of out) rest = rest.slice(rest.indexOf(w) + w.length).trimStart()
    return [...out, rest]
  }
  const sp = String(sep)
  if (sp === '') throw runtimeError('empty separator')
  const parts = s.split(sp)
  if (max < 0 || parts.length <= max + 1) return parts
  if (fromRight)
    return [parts.slice(0, parts.length - max).join(sp), ...parts.slice(parts.length - max)]
  return [...parts.slice(0, max), parts.slice(max).join(sp)]
}

function affix(s: string, p: unknown, test: (s: string, x: string) => boolean): boolean {
  if (Array.isArray(p)) return p.some((x) => test(s, String(x)))
  return test(s, String(p))
}

const STRING: Record<string, Method<string>> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  title: (s) => s.replace(/\p{L}+/gu, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()),
  capitalize: (s) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1).toLowerCase()),
  swapcase: (s) =>
    Array.from(s, (c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  casefold: (s) => s.toLowerCase(),
  strip: (s, [c]) => strip(s, c, true, true),
  lstrip: (s, [c]) => strip(s, c, true, false),
  rstrip: (s, [c]) => strip(s, c, false, true),
  split: (s, [sep, max], kw) => split(s, sep ?? kw['sep'], max ?? kw['maxsplit'], false),
  rsplit: (s, [sep, max], kw) => split(s, sep ?? kw['sep'], max ?? kw['maxsplit'], true),
  splitlines: (s) =>
    s.split(/\r\n|\r|\n/).filter((l, i, all) => !(i === all.length - 1 && l === '')),
  join: (s, [items]) =>
    iterItems(items)
      .map((x) => {
        if (typeof x !== 'string')
          throw runtimeError(`sequence item: expected str instance, ${typeName(x)} found`)
        return x
      })
      .join(s),
  replace: (s, [a, b, count]) => {
    const n = count === undefined ? -1 : toNumber(count as number)
    const parts = s.split(String(a))
    if (n < 0 || parts.length - 1 <= n) return parts.join(String(b))
    return parts.slice(0, n + 1).join(String(b)) + String(a) + parts.slice(n + 1).join(String(a))
  },
  startswith: (s, [p]) => affix(s, p, (x, y) => x.startsWith(y)),
  endswith: (s, [p]) => affix(s, p, (x, y) => x.endsWith(y)),
  find: (s, [x]) => s.indexOf(String(x)),
  rfind: (s, [x]) => s.lastIndexOf(String(x)),
  index: (s, [x]) => {
    const i = s.indexOf(String(x))
    if (i < 0) throw runtimeError('substring not found')
    return i
  },
  rindex: (s, [x]) => {
    const i = s.lastIndexOf(String(x))
    if (i < 0) throw runtimeError('substring not found')
    return i
  },
  count: (s, [x]) => (String(x) === '' ? s.length + 1 : s.split(String(x)).length - 1),
  format: (s, args, kw) => strFormat(s, args, kw),
  isdigit: (s) => /^\d+$/.test(s),
  isnumeric: (s) => /^\d+$/.test(s),
  isdecimal: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^[A-Za-z\u00C0-\uFFFF]+$/.test(s),
  isalnum: (s) => /^[A-Za-z0-9\u00C0-\uFFFF]+$/.test(s),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isspace: (s) => /^\s+$/.test(s),
  istitle: (s) => /[A-Za-z]/.test(s) && s === STRING['title']!(s, [], {}),
  partition: (s, [sep]) => {
    const i = s.indexOf(String(sep))
    return tuple(
      i < 0 ? [s, '', ''] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)],
    )
  },
  rpartition: (s, [sep]) => {
    const i = s.lastIndexOf(String(sep))
    return tuple(
      i < 0 ? ['', '', s] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)],
    )
  },
  center: (s, [w, fill]) => {
    const width = toNumber(w as number)
    const f = fill === undefined ? ' ' : String(fill)
    if (s.length >= width) return s
    const total = width - s.length
    const left = Math.floor(total / 2) + (total & width & 1)
    return f.repeat(left) + s + f.repeat(total - left)
  },
  ljust: (s, [w, fill]) => s.padEnd(toNumber(w as number), fill === undefined ? ' ' : String(fill)),
  rjust: (s, [w, fill]) =>
    s.padStart(toNumber(w as number), fill === undefined ? ' ' : String(fill)),
  zfill: (s, [w]) => {
    const sign = /^[-+]/.test(s) ? s[0]! : ''
    return sign + s.slice(sign.length).padStart(toNumber(w as number) - sign.length, '0')
  },
  encode: (s) => s,
  removeprefix: (s, [p]) => (s.startsWith(String(p)) ? s.slice(String(p).length) : s),
  removesuffix: (s, [p]) =>
    String(p) !== '' && s.endsWith(String(p)) ? s.slice(0, s.length - String(p).length) : s,
}

function iterItems(v: unknown): unknown[] {
  if (Array.isArray(v)) return v
  if (typeof v === 'string') return Array.from(v)
  if (v instanceof Map) return [...v.keys()]
  if (v instanceof Set) return [...v]
  if (isPlainObject(v)) return Object.keys(v)
  if (v !== null && typeof v === 'object' && Symbol.iterator in v)
    return Array.from(v as Iterable<unknown>)
  throw runtimeError(`can only join an iterable`)
}

const LIST: Record<string, Method<unknown[]>> = {
  append: (l, [x]) => {
    l.push(x)
    return null
  },
  extend: (l, [xs]) => {
    l.push(...iterItems(xs))
    return null
  },
  insert: (l, [i, x]) => {
    let n = toNumber(i as number)
    if (n < 0) n = Math.max(0, n + l.length)
    l.splice(n, 0, x)
    return null
  },
  pop: (l, [i]) => {
    if (l.length === 0) throw runtimeError('pop from empty list')
    let n = i === undefined ? l.length - 1 : toNumber(i as number)
    if (n < 0) n += l.length
    if (n < 0 || n >= l.length) throw runtimeError('pop index out of range')
    return l.splice(n, 1)[0]
  },
  remove: (l, [x]) => {
    const i = l.findIndex((y) => pyEquals(x, y))
    if (i < 0) throw runtimeError('list.remove(x): x not in list')
    l.splice(i, 1)
    return null
  },
  index: (l, [x]) => {
    const i = l.findIndex((y) => pyEquals(x, y))
    if (i < 0) throw runtimeError(`${str(x)} is not in list`)
    return i
  },
  count: (l, [x]) => l.filter((y) => pyEquals(x, y)).length,
  reverse: (l) => {
    l.reverse()
    return null
  },
  sort: (l, _a, kw) => {
    l.sort((a, b) => (pyLess(a, b) ? -1 : pyLess(b, a) ? 1 : 0))
    if (kw['reverse'] === true) l.reverse()
    return null
  },
  copy: (l) => [...l],
  clear: (l) => {
    l.length = 0
    return null
  },
}

const TUPLE_METHODS = new Set(['index', 'count'])

type Dict = Map<unknown, unknown> | Record<string, unknown>

function dget(d: Dict, k: unknown): unknown {
  if (d instanceof Map) return d.get(dictKey(k))
  return Object.hasOwn(d, String(k)) ? d[String(k)] : undefined
}
function dhas(d: Dict, k: unknown): boolean {
  return d instanceof Map ? d.has(dictKey(k)) : Object.hasOwn(d, String(k))
}
function dset(d: Dict, k: unknown, v: unknown): void {
  if (d instanceof Map) d.set(dictKey(k), v)
  else d[String(k)] = v
}
function ddelete(d: Dict, k: unknown): void {
  if (d instanceof Map) d.delete(dictKey(k))
  else delete d[String(k)]
}

const DICT: Record<string, Method<Dict>> = {
  items: (d) => mappingEntries(d).map((e) => tuple(e)),
  keys: (d) => mappingEntries(d).map(([k]) => k),
  values: (d) => mappingEntries(d).map(([, v]) => v),
  get: (d, [k, fallback]) => (dhas(d, k) ? dget(d, k) : (fallback ?? null)),
  update: (d, [other], kw) => {
    if (other !== undefined && other !== null) {
      const entries = Array.isArray(other)
        ? (other as unknown[][]).map((e) => [e[0], e[1]])
        : mappingEntries(other)
      for (const [k, v] of entries) dset(d, k, v)
    }
    for (const [k, v] of Object.entries(kw)) dset(d, k, v)
    return null
  },
  pop: (d, [k, fallback]) => {
    if (dhas(d, k)) {
      const v = dget(d, k)
      ddelete(d, k)
      return v
    }
    if (fallback === undefined) throw runtimeError(`KeyError: ${str(k)}`)
    return fallback
  },
  setdefault: (d, [k, fallback]) => {
    if (!dhas(d, k)) dset(d, k, fallback ?? null)
    return dget(d, k)
  },
  copy: (d) => (d instanceof Map ? new Map(d) : { ...d }),
  clear: (d) => {
    if (d instanceof Map) d.clear()
    else for (const k of Object.keys(d)) delete d[k]
    return null
  },
}

/** The method `name` of `obj`, bound, or undefined when `obj` has none of that name. */
export function methodOf(obj: unknown, name: string): PyFunction | undefined {
  if (typeof obj === 'string') {
    const m = STRING[name]
    return m === undefined ? undefined : new PyFunction(name, (a, kw) => m(obj, a, kw))
  }
  if (Array.isArray(obj)) {
    const m = LIST[name]
    if (m === undefined || (isTuple(obj) && !TUPLE_METHODS.has(name))) return undefined
    return new PyFunction(name, (a, kw) => m(obj, a, kw))
  }
  if (obj instanceof Map || isPlainObject(obj)) {
    const m = DICT[name]
    return m === undefined ? undefined : new PyFunction(name, (a, kw) => m(obj as Dict, a, kw))
  }
  if (obj instanceof Set) {
    if (name === 'add') return new PyFunction(name, ([x]) => (obj.add(x), null))
    if (name === 'union') return new PyFunction(name, ([x]) => new Set([...obj, ...iterItems(x)]))
  }
  return undefined
}
