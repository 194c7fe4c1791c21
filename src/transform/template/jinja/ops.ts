/**
 * @module transform/template/jinja/ops
 * Python's operators on template values: arithmetic with int/float distinction, `%` formatting,
 * `~`, `in`, comparisons, subscripts and slices, iteration, and the two ways a value is looked
 * into (`a.b` tries the attribute first, `a['b']` the item first, as Jinja2 does).
 */
import { runtimeError, undefinedError } from './errors.js'
import { printf } from './format.js'
import { methodOf } from './methods.js'
import type { PyFloat } from './values.js'
import {
  dictKey,
  hasOps,
  NOT_IMPLEMENTED,
  pyOperator,
  isFloat,
  isMapping,
  isNumeric,
  isPlainObject,
  isTuple,
  mappingEntries,
  Namespace,
  OrderError,
  pyEquals,
  pyFloat,
  pyLess,
  str,
  toNumber,
  tuple,
  typeName,
  Undefined,
} from './values.js'

/** Throws Jinja2's UndefinedError when `v` is undefined (it cannot be operated on). */
export function defined<T>(v: T): T {
  if (v instanceof Undefined) throw undefinedError(v.hint)
  return v
}

function operandError(op: string, a: unknown, b: unknown): Error {
  return runtimeError(
    `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
  )
}

function numeric(n: number, float: boolean): number | PyFloat {
  return float ? pyFloat(n) : n
}

/** `a + b`. */
export function add(a: unknown, b: unknown): unknown {
  defined(a)
  defined(b)
  if (hasOps(a) || hasOps(b)) {
    const r = pyOperator('+', a, b)
    if (r !== NOT_IMPLEMENTED) return r
  }
  if (isNumeric(a) && isNumeric(b))
    return numeric(toNumber(a) + toNumber(b), isFloat(a) || isFloat(b))
  if (typeof a === 'string') {
    if (typeof b === 'string') return a + b
    throw runtimeError(`can only concatenate str (not "${typeName(b)}") to str`)
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b))
      throw runtimeError(
        `can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`,
      )
    const out = [...a, ...b]
    return isTuple(a) ? tuple(out) : out
  }
  throw operandError('+', a, b)
}

/** `a - b`, `a * b`, `a / b`, `a // b`, `a % b`, `a ** b`. */
export function arith(op: string, a: unknown, b: unknown): unknown {
  defined(a)
  defined(b)
  if (op === '%' && typeof a === 'string') return printf(a, b)
  if (hasOps(a) || hasOps(b)) {
    const r = pyOperator(op, a, b)
    if (r !== NOT_IMPLEMENTED) return r
  }
  if (op === '*') {
    if (typeof a === 'string' && typeof b === 'number') return a.repeat(Math.max(0, b))
    if (typeof b === 'string' && typeof a === 'number') return b.repeat(Math.max(0, a))
    if (Array.isArray(a) && typeof b === 'number') {
      const out: unknown[] = []
      for (let i = 0; i < b; i++) out.push(...a)
      return isTuple(a) ? tuple(out) : out
    }
  }
  if (!isNumeric(a) || !isNumeric(b)) throw operandError(op, a, b)
  const x = toNumber(a)
  const y = toNumber(b)
  const float = isFloat(a) || isFloat(b)
  switch (op) {
    case '-':
      return numeric(x - y, float)
    case '*':
      return numeric(x * y, float)
    case '/':
      if (y === 0) throw runtimeError('division by zero')
      return pyFloat(x / y)
    case '//':
      if (y === 0) throw runtimeError('integer division or modulo by zero')
      return numeric(Math.floor(x / y), float)
    case '%':
      if (y === 0) throw runtimeError('integer division or modulo by zero')
      return numeric(x - y * Math.floor(x / y), float)
    case '**':
      return numeric(x ** y, float || y < 0)
  }
  throw runtimeError(`unknown operator ${op}`)
}

/** `-a`, `+a`. */
export function unary(op: string, a: unknown): unknown {
  defined(a)
  if (!isNumeric(a)) throw runtimeError(`bad operand type for unary ${op}: '${typeName(a)}'`)
  const n = toNumber(a)
  return numeric(op === '-' ? -n : n, isFloat(a))
}

/** `a ~ b`. */
export function concat(a: unknown, b: unknown): string {
  return str(a) + str(b)
}

/** `needle in haystack`. */
export function contains(haystack: unknown, needle: unknown): boolean {
  defined(haystack)
  if (typeof haystack === 'string') {
    if (typeof needle !== 'string')
      throw runtimeError(`'in <string>' requires string as left operand, not ${typeName(needle)}`)
    return haystack.includes(needle)
  }
  if (Array.isArray(haystack)) return haystack.some((x) => pyEquals(x, needle))
  if (haystack instanceof Map)
    return haystack.has(dictKey(needle)) || [...haystack.keys()].some((k) => pyEquals(k, needle))
  if (haystack instanceof Set) return [...haystack].some((x) => pyEquals(x, needle))
  if (isMapping(haystack))
    return typeof needle === 'string' && Object.hasOwn(haystack as object, needle)
  if (haystack === null || typeof haystack !== 'object') {
    throw runtimeError(`argument of type '${typeName(haystack)}' is not iterable`)
  }
  return iterate(haystack).some((x) => pyEquals(x, needle))
}

/** A comparison operator. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return pyEquals(a, b)
    case '!=':
      return !pyEquals(a, b)
    case 'in':
      return contains(b, a)
    case 'notin':
      return !contains(b, a)
  }
  try {
    switch (op) {
      case '<':
        return pyLess(a, b)
      case '>':
        return pyLess(b, a)
      case '<=':
        return pyLess(a, b) || pyEquals(a, b)
      default:
        return pyLess(b, a) || pyEquals(a, b)
    }
  } catch (error) {
    if (error instanceof OrderError) {
      if (a instanceof Undefined || b instanceof Undefined) defined(a instanceof Undefined ? a : b)
      throw runtimeError(error.message.replace("'<'", `'${op}'`))
    }
    throw error
  }
}

/** The items `for x in v` visits. */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v
  if (typeof v === 'string') return Array.from(v)
  if (v instanceof Undefined) return []
  if (v instanceof Map) return [...v.keys()]
  if (v instanceof Set) return [...v]
  if (isPlainObject(v)) return Object.keys(v)
  if (v !== null && typeof v === 'object' && Symbol.iterator in v)
    return Array.from(v as Iterable<unknown>)
  throw runtimeError(`'${typeName(v)}' object is not iterable`)
}

/** Python's `len()`. */
export function length(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length
  if (v instanceof Map || v instanceof Set) return v.size
  if (v instanceof Undefined) return 0
  if (isMapping(v)) return mappingEntries(v).length
  if (v !== null && typeof v === 'object' && Symbol.iterator in v) return iterate(v).length
  throw runtimeError(`object of type '${typeName(v)}' has no len()`)
}

const UNSAFE = new Set([
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

function hostMember(obj: object, name: string): unknown {
  if (UNSAFE.has(name) || name.startsWith('__')) return undefined
  if (!(name in obj)) return undefined
  const v = (obj as Record<string, unknown>)[name]
  if (v === (Object.prototype as unknown as Record<string, unknown>)[name]) return undefined
  return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(obj) : v
}

/** `obj.name`: the attribute (or method), then the item; Undefined when neither exists. */
export function getattr(obj: unknown, name: string): unknown {
  defined(obj)
  if (obj === null || obj === undefined) return new Undefined(`'None' has no attribute '${name}'`)
  const method = methodOf(obj, name)
  if (method !== undefined) return method
  if (obj instanceof Map) {
    const v = obj.get(name)
    return v !== undefined || obj.has(name) ? v : missingAttr(obj, name)
  }
  if (obj instanceof Namespace) {
    return obj.attrs.has(name) ? obj.attrs.get(name) : missingAttr(obj, name)
  }
  if (typeof obj === 'object' || typeof obj === 'function') {
    const v = hostMember(obj, name)
    return v === undefined ? missingAttr(obj, name) : v
  }
  return missingAttr(obj, name)
}

function missingAttr(obj: unknown, name: string): Undefined {
  return new Undefined(`'${typeName(obj)} object' has no attribute '${name}'`)
}

/** `obj[key]`: the item, then (for a string key) the attribute. */
export function getitem(obj: unknown, key: unknown): unknown {
  defined(obj)
  defined(key)
  if (obj === null || obj === undefined)
    return new Undefined(`'None' has no attribute '${str(key)}'`)
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key === 'number' || typeof key === 'boolean') {
      let i = toNumber(key)
      if (i < 0) i += obj.length
      if (i >= 0 && i < obj.length && Number.isInteger(i)) return obj[i]
      return new Undefined(`${typeName(obj)} object has no element ${str(key)}`)
    }
  } else if (obj instanceof Map) {
    const k = dictKey(key)
    if (obj.has(k)) return obj.get(k)
    for (const [mk, v] of obj) if (pyEquals(mk, k)) return v
  } else if (isPlainObject(obj)) {
    const k = typeof key === 'string' ? key : str(key)
    if (Object.hasOwn(obj, k)) return obj[k]
  }
  if (typeof key === 'string') {
    const v = getattr(obj, key)
    if (!(v instanceof Undefined)) return v
  }
  return new Undefined(`'${typeName(obj)} object' has no attribute '${str(key)}'`)
}

/** `seq[start:stop:step]` on a list, tuple or string. */
export function slice(seq: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  defined(seq)
  const items = typeof seq === 'string' ? Array.from(seq) : Array.isArray(seq) ? seq : iterate(seq)
  const n = items.length
  const st = step === null || step instanceof Undefined ? 1 : toNumber(step as number)
  if (st === 0) throw runtimeError('slice step cannot be zero')
  const norm = (v: unknown, dflt: number, lo: number, hi: number): number => {
    if (v === null || v instanceof Undefined) return dflt
    let i = toNumber(v as number)
    if (i < 0) i += n
    return Math.min(Math.max(i, lo), hi)
  }
  const out: unknown[] = []
  if (st > 0) {
    const a = norm(start, 0, 0, n)
    const b = norm(stop, n, 0, n)
    for (let i = a; i < b; i += st) out.push(items[i])
  } else {
    const a = norm(start, n - 1, -1, n - 1)
    const b = norm(stop, -1, -1, n - 1)
    for (let i = a; i > b; i += st) out.push(items[i])
  }
  if (typeof seq === 'string') return out.join('')
  return isTuple(seq) ? tuple(out) : out
}
