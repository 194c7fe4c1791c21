/**
 * @module transform/template/jinja/compiler
 * Turns the syntax tree into closures (no `eval`): each expression becomes `(frame) => value`
 * and each statement `(frame, out) => signal`. Scoping follows Jinja2: `if` shares its scope,
 * each `for` iteration, macro call, `with` and `{% call %}` body gets a child scope, and a macro
 * reads the scope it was defined in when it runs (late binding).
 */
import type { CallArgs, Expr, MacroDef, Stmt, Target } from './ast.js'
import { positioned, runtimeError, TemplateError } from './errors.js'
import { add, arith, compare, concat, getattr, getitem, iterate, slice, unary } from './ops.js'
import type { Frame } from './runtime.js'
import { callValue, LoopContext, Macro, Out, type ExprFn, type StmtFn } from './runtime.js'
import {
  dictKey,
  type Kwargs,
  mappingEntries,
  Namespace,
  str,
  truthy,
  tuple,
  typeName,
  Undefined,
  isMapping,
} from './values.js'

/** Names of the filters and tests that exist (unknown ones are compile errors, as in Jinja2). */
export interface KnownNames {
  readonly filters: ReadonlySet<string>
  readonly tests: ReadonlySet<string>
}

/** Compiles statements into one closure. */
export function compileBody(body: readonly Stmt[], known: KnownNames): StmtFn {
  return new Compiler(known).stmts(body)
}

/** The top-level macro definitions of a template (what a dbt macro file exports). */
export function compileMacroDefs(
  body: readonly Stmt[],
  known: KnownNames,
): { def: MacroDef; make: (closure: Frame) => Macro }[] {
  const c = new Compiler(known)
  return body
    .filter((s): s is Extract<Stmt, { kind: 'macro' }> => s.kind === 'macro')
    .map((s) => ({ def: s.def, make: c.macroFactory(s.def) }))
}

const NOOP: StmtFn = () => 0

class Compiler {
  constructor(private readonly known: KnownNames) {}

  stmts(list: readonly Stmt[]): StmtFn {
    const fns = list.map((s) => this.stmt(s))
    if (fns.length === 0) return NOOP
    if (fns.length === 1) return fns[0]!
    return (f, o) => {
      for (const fn of fns) {
        const signal = fn(f, o)
        if (signal !== 0) return signal
      }
      return 0
    }
  }

  private stmt(s: Stmt): StmtFn {
    const fn = this.stmtInner(s)
    if (s.kind === 'data' || s.kind === 'if' || s.kind === 'for' || s.kind === 'macro') return fn
    const { line, column } = s
    return (f, o) => {
      try {
        return fn(f, o)
      } catch (error) {
        throw positioned(error, line, column)
      }
    }
  }

  private stmtInner(s: Stmt): StmtFn {
    switch (s.kind) {
      case 'data': {
        const text = s.text
        return (_f, o) => {
          o.s += text
          return 0
        }
      }
      case 'output': {
        const e = this.expr(s.expr)
        return (f, o) => {
          const v = e(f)
          o.s += typeof v === 'string' ? v : str(v)
          return 0
        }
      }
      case 'if': {
        const branches = s.branches.map(
          ([t, b]) => [this.positionedExpr(t), this.stmts(b)] as const,
        )
        const otherwise = this.stmts(s.otherwise)
        return (f, o) => {
          for (const [test, body] of branches) if (truthy(test(f))) return body(f, o)
          return otherwise(f, o)
        }
      }
      case 'for':
        return this.forLoop(s)
      case 'set': {
        const value = this.expr(s.value)
        const assign = this.assign(s.target)
        return (f) => {
          assign(f, value(f))
          return 0
        }
      }
      case 'setblock': {
        const body = this.stmts(s.body)
        const filters = s.filters.map((x) => this.filterChain(x))
        const assign = this.assign(s.target)
        return (f, o) => {
          const inner = new Out()
          body(f, inner)
          let v: unknown = inner.s
          for (const filter of filters) v = filter(f, v)
          assign(f, v)
          void o
          return 0
        }
      }
      case 'macro': {
        const make = this.macroFactory(s.def)
        const name = s.def.name
        return (f) => {
          f.vars.set(name, make(f))
          return 0
        }
      }
      case 'callblock': {
        const makeCaller = this.macroFactory(s.caller)
        const call = s.call as Extract<Expr, { kind: 'call' }>
        const fn = this.expr(call.fn)
        const args = this.callArgs(call.args)
        return (f, o) => {
          const [pos, kw] = args(f)
          const v = callValue(fn(f), pos, { ...kw, caller: makeCaller(f) })
          o.s += str(v)
          return 0
        }
      }
      case 'filterblock': {
        const body = this.stmts(s.body)
        const filters = s.filters.map((x) => this.filterChain(x))
        return (f, o) => {
          const inner = new Out()
          body(f, inner)
          let v: unknown = inner.s
          for (const filter of filters) v = filter(f, v)
          o.s += str(v)
          return 0
        }
      }
      case 'with': {
        const targets = s.targets.map(([t, e]) => [this.assign(t), this.expr(e)] as const)
        const body = this.stmts(s.body)
        return (f, o) => {
          const inner = f.child()
          for (const [assign, e] of targets) assign(inner, e(f))
          return body(inner, o)
        }
      }
      case 'do': {
        const e = this.expr(s.expr)
        return (f) => {
          e(f)
          return 0
        }
      }
      case 'break':
        return () => 1
      case 'continue':
        return () => 2
    }
  }

  private forLoop(s: Extract<Stmt, { kind: 'for' }>): StmtFn {
    const iter = this.positionedExpr(s.iter)
    const filter = s.filter === null ? null : this.positionedExpr(s.filter)
    const assign = this.assign(s.target)
    const body = this.stmts(s.body)
    const otherwise = this.stmts(s.otherwise)
    const recursive = s.recursive
    const { line, column } = s
    const run = (f: Frame, o: Out, source: unknown, depth: number): void => {
      if (source === null)
        throw positioned(runtimeError("'NoneType' object is not iterable"), line, column)
      let items: unknown[]
      try {
        items = iterate(source)
      } catch (error) {
        throw positioned(error, line, column)
      }
      if (filter !== null) {
        items = items.filter((item) => {
          const scope = f.child()
          assign(scope, item)
          return truthy(filter(scope))
        })
      }
      if (items.length === 0) {
        otherwise(f, o)
        return
      }
      const recurse = recursive
        ? (sub: unknown): string => {
            const inner = new Out()
            run(f, inner, sub, depth + 1)
            return inner.s
          }
        : null
      const loop = new LoopContext(items, depth, recurse)
      for (let i = 0; i < items.length; i++) {
        loop.index0 = i
        const scope = f.child()
        scope.vars.set('loop', loop)
        assign(scope, items[i])
        if (body(scope, o) === 1) break
      }
    }
    return (f, o) => {
      run(f, o, iter(f), 0)
      return 0
    }
  }

  /** A function that binds a value to an assignment target in a frame. */
  private assign(t: Target): (f: Frame, v: unknown) => void {
    switch (t.kind) {
      case 'name': {
        const name = t.name
        return (f, v) => {
          f.vars.set(name, v === undefined ? new Undefined(`'${name}' is undefined`) : v)
        }
      }
      case 'nsattr': {
        const { name, attr, line, column } = t
        return (f, v) => {
          const ns = f.lookup(name)
          if (!(ns instanceof Namespace)) {
            throw new TemplateError(
              'runtime',
              'cannot assign attribute on non-namespace object',
              line,
              column,
            )
          }
          ns.attrs.set(attr, v)
        }
      }
      case 'tuple': {
        const parts = t.items.map((x) => this.assign(x))
        return (f, v) => {
          const items = iterate(v)
          if (items.length !== parts.length) {
            throw runtimeError(
              items.length > parts.length
                ? `too many values to unpack (expected ${parts.length})`
                : `not enough values to unpack (expected ${parts.length}, got ${items.length})`,
            )
          }
          parts.forEach((p, i) => p(f, items[i]))
        }
      }
    }
  }

  macroFactory(def: MacroDef): (closure: Frame) => Macro {
    const body = this.stmts(def.body)
    const defaults = def.defaults.map((d) => (d === null ? null : this.expr(d)))
    return (closure) => new Macro(def, body, defaults, closure)
  }

  private positionedExpr(e: Expr): ExprFn {
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

  private at(fn: ExprFn, line: number, column: number): ExprFn {
    return (f) => {
      try {
        return fn(f)
      } catch (error) {
        throw positioned(error, line, column)
      }
    }
  }

  private exprInner(e: Expr): ExprFn {
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
  private filterChain(e: Expr): (f: Frame, v: unknown) => unknown {
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

  private callArgs(a: CallArgs): (f: Frame) => [unknown[], Kwargs | null] {
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
