/**
 * @module transform/template/jinja/compile-expr
 * Expressions as closures `(frame) => value`. Operations that can fail (calls, filters, tests,
 * operators, lookups) attach their position to an error that has none yet, so the innermost
 * failing node names the line and column.
 */
import type { CallArgs, Expr } from './ast.js'
import { positioned, runtimeError, TemplateError } from './errors.js'
import { add, arith, compare, concat, getattr, getitem, iterate, slice, unary } from './ops.js'
import type { Frame } from './runtime.js'
import { callValue, type ExprFn } from './runtime.js'
import {
  dictKey,
  isMapping,
  type Kwargs,
  mappingEntries,
  truthy,
  tuple,
  typeName,
  Undefined,
} from './values.js'

/** Names of the filters and tests that exist (unknown ones are compile errors, as in Jinja2). */
export interface KnownNames {
  readonly filters: ReadonlySet<string>
  readonly tests: ReadonlySet<string>
}

/** Compiles expressions; the statement compiler extends it. */
export class ExprCompiler {
  constructor(protected readonly known: KnownNames) {}

  protected positionedExpr(e: Expr): ExprFn {
    const fn = this.expr(e)
    const { line, column } = e
    return (f) => {
      try {
        return fn(f)
      } catch (error) {
        throw positioned(error, line, column)
      }
    }
  }

  /** Compiles `e`; operations that can fail attach their own position to errors. */
  expr(e: Expr): ExprFn {
    const fn = this.exprInner(e)
    switch (e.kind) {
      case 'call':
      case 'filter':
      case 'test':
      case 'binary':
      case 'getattr':
      case 'getitem':
      case 'compare':
        return this.at(fn, e.line, e.column)
      default:
        return fn
    }
  }

  protected at(fn: ExprFn, line: number, column: number): ExprFn {
    return (f) => {
      try {
        return fn(f)
      } catch (error) {
        throw positioned(error, line, column)
      }
    }
  }

  protected exprInner(e: Expr): ExprFn {
    switch (e.kind) {
      case 'const': {
        const v = e.value
        return () => v
      }
      case 'name': {
        const name = e.name
        return (f) => f.lookup(name)
      }
      case 'list': {
        const items = e.items.map((x) => this.expr(x))
        return (f) => items.map((x) => x(f))
      }
      case 'tuple': {
        const items = e.items.map((x) => this.expr(x))
        return (f) => tuple(items.map((x) => x(f)))
      }
      case 'dict': {
        const pairs = e.pairs.map(([k, v]) => [this.expr(k), this.expr(v)] as const)
        return (f) => {
          const m = new Map<unknown, unknown>()
          for (const [k, v] of pairs) m.set(dictKey(k(f)), v(f))
          return m
        }
      }
      case 'getattr': {
        const obj = this.expr(e.obj)
        const attr = e.attr
        return (f) => getattr(obj(f), attr)
      }
      case 'getitem': {
        const obj = this.expr(e.obj)
        const key = this.expr(e.key)
        return (f) => getitem(obj(f), key(f))
      }
      case 'slice': {
        const obj = this.expr(e.obj)
        const [a, b, c] = [e.start, e.stop, e.step].map((x) => (x === null ? null : this.expr(x)))
        return (f) =>
          slice(
            obj(f),
            a === null ? null : a!(f),
            b === null ? null : b!(f),
            c === null ? null : c!(f),
          )
      }
      case 'call': {
        const fn = this.expr(e.fn)
        const args = this.callArgs(e.args)
        return (f) => {
          const callee = fn(f)
          const [pos, kw] = args(f)
          return callValue(callee, pos, kw)
        }
      }
      case 'filter': {
        const value = e.value === null ? null : this.expr(e.value)
        const apply = this.filterChain(e)
        return (f) => apply(f, value === null ? null : value(f))
      }
      case 'test': {
        const name = e.name
        if (!this.known.tests.has(name)) {
          throw new TemplateError('syntax', `No test named '${name}'.`, e.line, e.column)
        }
        const value = this.expr(e.value)
        const args = this.callArgs(e.args)
        const negated = e.negated
        return (f) => {
          const test = f.state.tests.get(name)!
          const [pos] = args(f)
          const r = test(value(f), pos, f.state)
          return negated ? !r : r
        }
      }
      case 'binary': {
        const l = this.expr(e.left)
        const r = this.expr(e.right)
        const op = e.op
        if (op === '+') return (f) => add(l(f), r(f))
        if (op === '~') return (f) => concat(l(f), r(f))
        return (f) => arith(op, l(f), r(f))
      }
      case 'unary': {
        const x = this.expr(e.operand)
        if (e.op === 'not') return (f) => !truthy(x(f))
        const op = e.op
        return (f) => unary(op, x(f))
      }
      case 'compare': {
        const first = this.expr(e.first)
        const ops = e.ops.map(([op, x]) => [op, this.expr(x)] as const)
        return (f) => {
          let left = first(f)
          for (const [op, x] of ops) {
            const right = x(f)
            if (!compare(op, left, right)) return false
            left = right
          }
          return true
        }
      }
      case 'and': {
        const l = this.expr(e.left)
        const r = this.expr(e.right)
        return (f) => {
          const a = l(f)
          return truthy(a) ? r(f) : a
        }
      }
      case 'or': {
        const l = this.expr(e.left)
        const r = this.expr(e.right)
        return (f) => {
          const a = l(f)
          return truthy(a) ? a : r(f)
        }
      }
      case 'cond': {
        const test = this.expr(e.test)
        const then = this.expr(e.then)
        const otherwise = e.otherwise === null ? null : this.expr(e.otherwise)
        return (f) =>
          truthy(test(f))
            ? then(f)
            : otherwise === null
              ? new Undefined('the inline if has no else')
              : otherwise(f)
      }
    }
  }

  /** A filter node (and the filters it is applied on) as `(frame, input) => output`. */
  protected filterChain(e: Expr): (f: Frame, v: unknown) => unknown {
    if (e.kind !== 'filter')
      throw new TemplateError('syntax', 'expected a filter', e.line, e.column)
    const name = e.name
    if (!this.known.filters.has(name)) {
      throw new TemplateError('syntax', `No filter named '${name}'.`, e.line, e.column)
    }
    const args = this.callArgs(e.args)
    return (f, v) => {
      const filter = f.state.filters.get(name)!
      const [pos, kw] = args(f)
      return filter(v, pos, kw ?? {}, f.state)
    }
  }

  protected callArgs(a: CallArgs): (f: Frame) => [unknown[], Kwargs | null] {
    const args = a.args.map((x) => this.expr(x))
    const kwargs = a.kwargs.map(([k, x]) => [k, this.expr(x)] as const)
    const star = a.star === null ? null : this.expr(a.star)
    const dstar = a.dstar === null ? null : this.expr(a.dstar)
    if (star === null && dstar === null) {
      if (kwargs.length === 0) return (f) => [args.map((x) => x(f)), null]
      return (f) => {
        const kw: Kwargs = {}
        for (const [k, x] of kwargs) kw[k] = x(f)
        return [args.map((x) => x(f)), kw]
      }
    }
    return (f) => {
      const pos = args.map((x) => x(f))
      if (star !== null) pos.push(...iterate(star(f)))
      const kw: Kwargs = {}
      for (const [k, x] of kwargs) kw[k] = x(f)
      if (dstar !== null) {
        const m = dstar(f)
        if (!isMapping(m))
          throw runtimeError(`argument after ** must be a mapping, not ${typeName(m)}`)
        for (const [k, v] of mappingEntries(m)) kw[String(k)] = v
      }
      return [pos, kw]
    }
  }
}
