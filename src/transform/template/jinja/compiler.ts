/**
 * @module transform/template/jinja/compiler
 * Turns the syntax tree into closures (no `eval`): each statement becomes `(frame, out) =>
 * signal` (expressions are `compile-expr.ts`'s). Scoping follows Jinja2: `if` shares its scope,
 * each `for` iteration, macro call, `with` and `{% call %}` body gets a child scope, and a macro
 * reads the scope it was defined in when it runs (late binding).
 */
import type { Expr, MacroDef, Stmt, Target } from './ast.js'
import { ExprCompiler, type KnownNames } from './compile-expr.js'
import { positioned, runtimeError, TemplateError } from './errors.js'
import { iterate } from './ops.js'
import type { Frame } from './runtime.js'
import { callValue, LoopContext, Macro, Out, type StmtFn } from './runtime.js'
import { Namespace, str, truthy, Undefined } from './values.js'

export type { KnownNames } from './compile-expr.js'

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

class Compiler extends ExprCompiler {
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
}
