/**
 * @module transform/template/jinja/values
 * Python's values on JavaScript ones, as templates see them. Most map directly (str → string,
 * list → Array, None → null, bool → boolean, int → integral number). The rest are small classes:
 * an integral float keeps its float-ness in {@link PyFloat} (so `{{ 4 / 2 }}` prints `2.0`), a
 * tuple is an Array marked with {@link TUPLE}, a dict written in a template is a `Map` (any key
 * type, insertion order), and Jinja2's `Undefined` is {@link Undefined}. Plain objects and class
 * instances from the host (dbt's context) are read as mappings and objects as they are.
 */

/** An integral float (`1.0`); non-integral floats are plain numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value
  }
  toJSON(): number {
    return this.value
  }
  toString(): string {
    return floatRepr(this.value)
  }
}

/** A float result: boxed when integral so that it prints as Python prints a float. */
export function pyFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n
}

/** Jinja2's Undefined: prints as '', is falsy, iterates as empty; using it further fails. */
export class Undefined {
  /** What `undefinedError` says when this value is used (`'x' is undefined`). */
  constructor(readonly hint: string) {}
  toString(): string {
    return ''
  }
}

/** Marks an Array as a Python tuple (printed with parentheses). */
export const TUPLE: unique symbol = Symbol('jinja.tuple')

/** Marks a host object as a mapping for `is mapping` (dbt's Relation is one). */
export const MAPPING: unique symbol = Symbol('jinja.mapping')

/** Makes `items` a tuple. */
export function tuple<T>(items: T[]): T[] {
  ;(items as unknown as Record<symbol, boolean>)[TUPLE] = true
  return items
}

/** Whether `v` is a tuple. */
export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && (v as unknown as Record<symbol, boolean>)[TUPLE] === true
}

/**
 * Host values with Python operators (dates, timedeltas) implement this: `op` is `+`, `-`, `*`,
 * `==` or `<`; `reflected` when the value is the right operand. Return {@link NOT_IMPLEMENTED}
 * for operand types the value does not support.
 */
export const PY_OP: unique symbol = Symbol('jinja.op')

/** What a {@link PY_OP} method returns for an unsupported operand. */
export const NOT_IMPLEMENTED: unique symbol = Symbol('jinja.not-implemented')

/** A value with Python operators. */
export interface PyOperand {
  [PY_OP](op: string, other: unknown, reflected: boolean): unknown
}

/** Whether `v` implements Python operators. */
export function hasOps(v: unknown): v is PyOperand {
  return v !== null && typeof v === 'object' && PY_OP in v
}

/** Applies `op` through the operands' own operators; NOT_IMPLEMENTED when neither has one. */
export function pyOperator(op: string, a: unknown, b: unknown): unknown {
  if (hasOps(a)) {
    const r = a[PY_OP](op, b, false)
    if (r !== NOT_IMPLEMENTED) return r
  }
  if (hasOps(b)) {
    const r = b[PY_OP](op, a, true)
    if (r !== NOT_IMPLEMENTED) return r
  }
  return NOT_IMPLEMENTED
}

/** Keyword arguments of a call, by name. */
export type Kwargs = Record<string, unknown>

/** The method a value called from a template implements natively (args and kwargs apart). */
export const JINJA_CALL: unique symbol = Symbol('jinja.call')

/** A value templates call natively: macros, built-in functions, `loop` of a recursive loop. */
export interface JinjaCallable {
  [JINJA_CALL](args: unknown[], kwargs: Kwargs): unknown
}

/** Whether `v` is called natively. */
export function isJinjaCallable(v: unknown): v is JinjaCallable {
  return v !== null && typeof v === 'object' && JINJA_CALL in v
}

/** A function implemented for templates: called with positional and keyword arguments. */
export class PyFunction implements JinjaCallable {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[], kwargs: Kwargs) => unknown,
  ) {}
  [JINJA_CALL](args: unknown[], kwargs: Kwargs): unknown {
    return this.call(args, kwargs)
  }
}

/** `namespace()`: an object whose attributes `{% set ns.x = … %}` may assign. */
export class Namespace {
  readonly attrs = new Map<string, unknown>()
}

/** Whether `v` is a plain JavaScript object (a mapping from the host or JSON). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

/** Python's `isinstance(v, Mapping)`. */
export function isMapping(v: unknown): boolean {
  return (
    v instanceof Map ||
    isPlainObject(v) ||
    (v !== null && typeof v === 'object' && (v as Record<symbol, unknown>)[MAPPING] === true)
  )
}

/** A mapping's entries (Map, plain object, or a host mapping's own enumerable fields). */
export function mappingEntries(v: unknown): [unknown, unknown][] {
  if (v instanceof Map) return [...v.entries()]
  return Object.entries(v as object)
}

/** Whether `v` is an int, float or bool (bool is an int in Python). */
export function isNumeric(v: unknown): v is number | PyFloat | boolean {
  return typeof v === 'number' || v instanceof PyFloat || typeof v === 'boolean'
}

/** The number of a numeric value. */
export function toNumber(v: number | PyFloat | boolean): number {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : v.value
}

/** Whether a numeric value is a float. */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))
}

/** Python's type name of `v`, for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'NoneType'
  if (v instanceof Undefined) return 'Undefined'
  switch (typeof v) {
    case 'string':
      return 'str'
    case 'boolean':
      return 'bool'
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float'
    case 'function':
      return 'function'
  }
  if (v instanceof PyFloat) return 'float'
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : 'list'
  if (v instanceof Map || isPlainObject(v)) return 'dict'
  if (v instanceof Set) return 'set'
  if (v instanceof PyFunction) return 'builtin_function_or_method'
  return (v as object).constructor?.name ?? 'object'
}

/** Python's truth value of `v`. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v instanceof Undefined) return false
  switch (typeof v) {
    case 'boolean':
      return v
    case 'number':
      return v !== 0 && !Number.isNaN(v)
    case 'string':
      return v !== ''
    case 'object':
      if (Array.isArray(v)) return v.length > 0
      if (v instanceof Map || v instanceof Set) return v.size > 0
      if (v instanceof PyFloat) return v.value !== 0
      if (isPlainObject(v)) {
        for (const _ in v) return true
        return false
      }
      return true
    default:
      return true
  }
}

/** Python's `repr()` of a float. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan'
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf'
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0'
  const [mantissa, expPart] = n.toExponential().split('e') as [string, string]
  const exp = Number(expPart)
  if (exp < -4 || exp >= 16) {
    const sign = exp < 0 ? '-' : '+'
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`
  }
  const negative = mantissa.startsWith('-')
  const digits = mantissa.replace('-', '').replace('.', '')
  let out: string
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0')
    const frac = digits.slice(exp + 1)
    out = `${intPart}.${frac === '' ? '0' : frac}`
  } else out = `0.${'0'.repeat(-exp - 1)}${digits}`
  return negative ? `-${out}` : out
}

/** Python's `repr()` of an int. */
function intRepr(n: number): string {
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString()
}

/** Python's `repr()` of a str. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'"
  let out = quote
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '\\') out += '\\\\'
    else if (ch === quote) out += `\\${quote}`
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`
    else out += ch
  }
  return out + quote
}

/** Python's `str()`: what `{{ v }}` prints. */
export function str(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v
    case 'number':
      return Number.isInteger(v) ? intRepr(v) : floatRepr(v)
    case 'boolean':
      return v ? 'True' : 'False'
    case 'undefined':
      return ''
    case 'function':
      return `<function ${v.name === '' ? '<lambda>' : v.name}>`
  }
  if (v === null) return 'None'
  return repr(v)
}

/** Python's `repr()`. */
export function repr(v: unknown): string {
  if (typeof v === 'string') return strRepr(v)
  if (v === null || typeof v !== 'object') return str(v)
  if (v instanceof Undefined) return ''
  if (v instanceof PyFloat) return floatRepr(v.value)
  if (Array.isArray(v)) {
    const inner = v.map(repr).join(', ')
    if (!isTuple(v)) return `[${inner}]`
    return v.length === 1 ? `(${inner},)` : `(${inner})`
  }
  if (v instanceof Set) return v.size === 0 ? 'set()' : `{${[...v].map(repr).join(', ')}}`
  if (v instanceof Map || isPlainObject(v)) {
    return `{${mappingEntries(v)
      .map(([k, x]) => `${repr(k)}: ${repr(x)}`)
      .join(', ')}}`
  }
  if (v instanceof PyFunction) return `<built-in function ${v.name}>`
  if (v instanceof Namespace) {
    return `<Namespace {${[...v.attrs].map(([k, x]) => `${strRepr(k)}: ${repr(x)}`).join(', ')}}>`
  }
  if (typeof (v as { toString?: unknown }).toString === 'function') {
    const s = (v as { toString(): string }).toString()
    if (s !== '[object Object]') return s
  }
  return `<${typeName(v)} object>`
}

/** Python's `==`. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (hasOps(a) || hasOps(b)) {
    const r = pyOperator('==', a, b)
    return r === NOT_IMPLEMENTED ? false : r === true
  }
  if (isNumeric(a) && isNumeric(b)) return toNumber(a) === toNumber(b)
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false
    return a.every((x, i) => pyEquals(x, b[i]))
  }
  if (a instanceof Undefined && b instanceof Undefined) return true
  if (a instanceof Set && b instanceof Set) {
    return a.size === b.size && [...a].every((x) => [...b].some((y) => pyEquals(x, y)))
  }
  if ((a instanceof Map || isPlainObject(a)) && (b instanceof Map || isPlainObject(b))) {
    const ea = mappingEntries(a)
    const eb = mappingEntries(b)
    if (ea.length !== eb.length) return false
    return ea.every(([k, v]) => eb.some(([k2, v2]) => pyEquals(k, k2) && pyEquals(v, v2)))
  }
  return false
}

/** Python's `<`; a TypeError for values Python cannot order. */
export function pyLess(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return toNumber(a) < toNumber(b)
  if (hasOps(a) || hasOps(b)) {
    const r = a !== null && hasOps(a) ? a[PY_OP]('<', b, false) : NOT_IMPLEMENTED
    if (r !== NOT_IMPLEMENTED) return r === true
    if (hasOps(b)) {
      const flipped = b[PY_OP]('>', a, true)
      if (flipped !== NOT_IMPLEMENTED) return flipped === true
    }
    throw new OrderError(a, b)
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i], b[i])) return pyLess(a[i], b[i])
    }
    return a.length < b.length
  }
  throw new OrderError(a, b)
}

/** The TypeError of an impossible comparison. */
export class OrderError extends Error {
  constructor(a: unknown, b: unknown) {
    super(`'<' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`)
  }
}

/** A dict key as stored in a Map: integral floats and bools hash like the ints they equal. */
export function dictKey(k: unknown): unknown {
  if (k instanceof PyFloat) return k.value
  return k
}
