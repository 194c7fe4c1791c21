/**
 * @module transform/template/jinja/runtime
 * What compiled templates run on: scopes ({@link Frame}), macros, the `loop` object, and calls
 * across the boundary to host (dbt context) functions, which take positional arguments and a
 * trailing `{ …, __keywords: true }` object and see plain JavaScript values.
 */
import type { MacroDef } from './ast.js'
import { runtimeError, undefinedError } from './errors.js'
import {
  isJinjaCallable,
  isPlainObject,
  JINJA_CALL,
  type JinjaCallable,
  type Kwargs,
  PyFloat,
  pyEquals,
  tuple,
  typeName,
  Undefined,
} from './values.js'

/** A filter: the value, then the call's arguments. */
export type FilterFn = (
  value: unknown,
  args: unknown[],
  kwargs: Kwargs,
  state: RenderState,
) => unknown
/** A test (`is name`). */
export type TestFn = (value: unknown, args: unknown[], state: RenderState) => boolean

/** What a render resolves names, filters and tests against. */
export interface RenderState {
  readonly filters: ReadonlyMap<string, FilterFn>
  readonly tests: ReadonlyMap<string, TestFn>
  /** A global name's value, or undefined when there is none. */
  resolve(name: string): unknown
}

/** A scope: variables set in it, then its parent's, then the globals. */
export class Frame {
  readonly vars = new Map<string, unknown>()
  constructor(
    readonly parent: Frame | null,
    readonly state: RenderState,
  ) {}

  lookup(name: string): unknown {
    const own = this.vars.get(name)
    if (own !== undefined) return own
    for (let f = this.parent; f !== null; f = f.parent) {
      const v = f.vars.get(name)
      if (v !== undefined) return v
    }
    const g = this.state.resolve(name)
    return g === undefined ? new Undefined(`'${name}' is undefined`) : g
  }

  child(): Frame {
    return new Frame(this, this.state)
  }
}

/** Rendered text, appended to. */
export class Out {
  s = ''
}

/** A compiled statement list: 0 = done, 1 = `break`, 2 = `continue`. */
export type StmtFn = (f: Frame, o: Out) => number
/** A compiled expression. */
export type ExprFn = (f: Frame) => unknown

/** A `{% macro %}` (or the caller of a `{% call %}`), closed over the scope it was defined in. */
export class Macro implements JinjaCallable {
  constructor(
    readonly def: MacroDef,
    private readonly body: StmtFn,
    private readonly defaults: readonly (ExprFn | null)[],
    private readonly closure: Frame,
  ) {}

  get name(): string {
    return this.def.name
  }
  get arguments(): unknown[] {
    return tuple([...this.def.params])
  }
  get catch_kwargs(): boolean {
    return this.def.usesKwargs
  }
  get catch_varargs(): boolean {
    return this.def.usesVarargs
  }
  get caller(): boolean {
    return this.def.usesCaller
  }

  [JINJA_CALL](args: unknown[], kwargs: Kwargs): string {
    const def = this.def
    const frame = this.closure.child()
    const rest: Kwargs = { ...kwargs }
    for (let i = 0; i < def.params.length; i++) {
      const p = def.params[i]!
      if (i < args.length) {
        if (p in rest)
          throw runtimeError(`macro '${def.name}' got multiple values for argument '${p}'`)
        const a = args[i]
        frame.vars.set(p, a === undefined ? new Undefined(`'${p}' is undefined`) : a)
      } else if (p in rest) {
        frame.vars.set(p, rest[p])
        delete rest[p]
      } else {
        const d = this.defaults[i]
        frame.vars.set(
          p,
          d === null || d === undefined ? new Undefined(`'${p}' is undefined`) : d(frame),
        )
      }
    }
    if (args.length > def.params.length) {
      if (!def.usesVarargs) {
        throw runtimeError(
          `macro '${def.name}' takes not more than ${def.params.length} argument(s)`,
        )
      }
      frame.vars.set('varargs', tuple(args.slice(def.params.length)))
    } else if (def.usesVarargs) frame.vars.set('varargs', tuple([]))
    if ('caller' in rest && def.usesCaller) {
      frame.vars.set('caller', rest['caller'])
      delete rest['caller']
    }
    const extra = Object.keys(rest)
    if (def.usesKwargs) frame.vars.set('kwargs', new Map(Object.entries(rest)))
    else if (extra.length > 0) {
      throw runtimeError(`macro '${def.name}' takes no keyword argument '${extra[0]!}'`)
    }
    const out = new Out()
    this.body(frame, out)
    return out.s
  }

  toString(): string {
    return `<Macro '${this.def.name}'>`
  }
}

/** `loop` inside `{% for %}`. */
export class LoopContext implements JinjaCallable {
  index0 = 0
  private lastChanged: unknown[] | undefined
  constructor(
    private readonly items: readonly unknown[],
    readonly depth0: number,
    private readonly recurse: ((items: unknown) => string) | null,
  ) {}
  get index(): number {
    return this.index0 + 1
  }
  get length(): number {
    return this.items.length
  }
  get revindex(): number {
    return this.items.length - this.index0
  }
  get revindex0(): number {
    return this.items.length - this.index0 - 1
  }
  get first(): boolean {
    return this.index0 === 0
  }
  get last(): boolean {
    return this.index0 === this.items.length - 1
  }
  get depth(): number {
    return this.depth0 + 1
  }
  get previtem(): unknown {
    return this.index0 > 0 ? this.items[this.index0 - 1] : new Undefined("'previtem' is undefined")
  }
  get nextitem(): unknown {
    return this.index0 < this.items.length - 1
      ? this.items[this.index0 + 1]
      : new Undefined("'nextitem' is undefined")
  }
  get cycle(): JinjaCallable {
    return {
      [JINJA_CALL]: (args: unknown[]) => {
        if (args.length === 0) throw runtimeError('no items for cycling given')
        return args[this.index0 % args.length]
      },
    }
  }
  get changed(): JinjaCallable {
    return {
      [JINJA_CALL]: (args: unknown[]) => {
        const same =
          this.lastChanged !== undefined && pyEquals(tuple(args), tuple(this.lastChanged))
        this.lastChanged = args
        return !same
      },
    }
  }
  [JINJA_CALL](args: unknown[]): string {
    if (this.recurse === null) {
      throw runtimeError("the loop is not recursive: add 'recursive' to call loop()")
    }
    return this.recurse(args[0])
  }
}

/** Calls `fn` with positional and keyword arguments. */
export function callValue(fn: unknown, args: unknown[], kwargs: Kwargs | null): unknown {
  if (isJinjaCallable(fn)) return fn[JINJA_CALL](args, kwargs ?? {})
  if (typeof fn === 'function') {
    const hostArgs = args.map(toHost)
    if (kwargs !== null && Object.keys(kwargs).length > 0) {
      const kw: Record<string, unknown> = { __keywords: true }
      for (const [k, v] of Object.entries(kwargs)) kw[k] = toHost(v)
      hostArgs.push(kw)
    }
    const out = (fn as (...a: unknown[]) => unknown)(...hostArgs)
    return out === undefined ? new Undefined('the function returned nothing') : out
  }
  if (fn instanceof Undefined) throw undefinedError(fn.hint)
  throw runtimeError(`'${typeName(fn)}' object is not callable`)
}

/** A template value as host code expects it: Maps become objects, floats numbers, macros functions. */
export function toHost(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (v instanceof PyFloat) return v.value
  if (v instanceof Undefined) return undefined
  if (v instanceof Map) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of v) out[String(k)] = toHost(x)
    return out
  }
  if (Array.isArray(v)) {
    let copy: unknown[] | undefined
    for (let i = 0; i < v.length; i++) {
      const x = toHost(v[i])
      if (x !== v[i]) (copy ??= [...v])[i] = x
    }
    return copy ?? v
  }
  if (isJinjaCallable(v)) {
    const callable = v
    return (...a: unknown[]) => callFromHost(callable, a)
  }
  if (isPlainObject(v)) {
    let copy: Record<string, unknown> | undefined
    for (const k of Object.keys(v)) {
      const x = toHost(v[k])
      if (x !== v[k]) (copy ??= { ...v })[k] = x
    }
    return copy ?? v
  }
  return v
}

/** Calls a template callable with host-style arguments (a trailing `__keywords` object). */
export function callFromHost(fn: JinjaCallable, args: unknown[]): unknown {
  const last = args[args.length - 1]
  if (isPlainObject(last) && last['__keywords'] === true) {
    const { __keywords: _k, ...kwargs } = last
    return fn[JINJA_CALL](args.slice(0, -1), kwargs)
  }
  return fn[JINJA_CALL](args, {})
}
