/**
 * @module transform/template/python-methods
 * dbt's Jinja runs on Python, so project code calls Python methods on values: `name.upper()`,
 * `cols.append(x)`, `d.items()`, `', '.join(cols)`, `s.startswith('x')`. nunjucks looks members
 * up on JavaScript values, where those do not exist; this adds them to member lookup (only when
 * the value has no member of that name). Installed once per process, idempotently.
 */
import nunjucks from 'nunjucks'

const STRING: Record<string, (s: string, ...a: unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s, chars) => (chars === undefined ? s.trim() : trimChars(s, String(chars))),
  lstrip: (s) => s.trimStart(),
  rstrip: (s) => s.trimEnd(),
  startswith: (s, p) => s.startsWith(String(p)),
  endswith: (s, p) => s.endsWith(String(p)),
  replace: (s, a, b) => s.split(String(a)).join(String(b)),
  split: (s, sep) => (sep === undefined ? s.trim().split(/\s+/) : s.split(String(sep))),
  join: (s, items) => (Array.isArray(items) ? items.map(String).join(s) : ''),
  title: (s) => s.replace(/\w\S*/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()),
  capitalize: (s) => (s === '' ? s : s[0]!.toUpperCase() + s.slice(1).toLowerCase()),
  format: (s, ...a) => {
    let i = 0
    return s.replace(/\{(\d*)\}/g, (_m, n: string) => String(a[n === '' ? i++ : Number(n)] ?? ''))
  },
}

const LIST: Record<string, (l: unknown[], ...a: unknown[]) => unknown> = {
  append: (l, x) => {
    l.push(x)
    return ''
  },
  extend: (l, xs) => {
    if (Array.isArray(xs)) l.push(...(xs as unknown[]))
    return ''
  },
  remove: (l, x) => {
    const i = l.indexOf(x)
    if (i >= 0) l.splice(i, 1)
    return ''
  },
  count: (l, x) => l.filter((y) => y === x).length,
  index: (l, x) => l.indexOf(x),
}

const DICT: Record<string, (d: Record<string, unknown>, ...a: unknown[]) => unknown> = {
  items: (d) => Object.entries(d),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, k, fallback) => (String(k) in d ? d[String(k)] : (fallback ?? null)),
  update: (d, other) => {
    if (other !== null && typeof other === 'object') Object.assign(d, other)
    return ''
  },
  pop: (d, k, fallback) => {
    const key = String(k)
    const v = key in d ? d[key] : fallback
    delete d[key]
    return v
  },
}

function trimChars(s: string, chars: string): string {
  let a = 0
  let b = s.length
  while (a < b && chars.includes(s[a]!)) a++
  while (b > a && chars.includes(s[b - 1]!)) b--
  return s.slice(a, b)
}

let installed = false

/** Adds Python's string, list and dict methods to nunjucks' member lookup. */
export function installPythonMethods(): void {
  if (installed) return
  installed = true
  const runtime = (
    nunjucks as unknown as { runtime: { memberLookup: (o: unknown, v: string) => unknown } }
  ).runtime
  const original = runtime.memberLookup
  runtime.memberLookup = (obj: unknown, val: string): unknown => {
    if (typeof obj === 'string' && STRING[val] !== undefined) {
      const m = STRING[val]
      return (...a: unknown[]) => m(obj, ...a)
    }
    // None of these names exists on Array.prototype, so no JavaScript method is shadowed.
    if (Array.isArray(obj) && LIST[val] !== undefined) {
      const m = LIST[val]
      return (...a: unknown[]) => m(obj, ...a)
    }
    if (
      obj !== null &&
      typeof obj === 'object' &&
      !Array.isArray(obj) &&
      DICT[val] !== undefined &&
      !(val in (obj as object))
    ) {
      const m = DICT[val]
      return (...a: unknown[]) => m(obj as Record<string, unknown>, ...a)
    }
    return original(obj, val)
  }
}
