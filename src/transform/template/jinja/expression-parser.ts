/**
 * @module transform/template/jinja/expression-parser
 * Jinja2's expression grammar with its precedence: inline if < or < and < not < comparisons
 * (`==`, `in`, `not in`, chained) < `+ -` < `~` < `* / // %` < `**` < unary `- +` < postfix
 * (`.attr`, `[key]`, `[a:b:c]`, calls with `*args`/`**kwargs`/trailing commas), filters and tests.
 */
import type { CallArgs, Expr } from './ast.js'
import { describe, TokenStream } from './token-stream.js'
import { pyFloat } from './values.js'

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>='])

/** Call arguments of a call without any. */
export const EMPTY_ARGS: CallArgs = { args: [], kwargs: [], star: null, dstar: null }

/** Parses expressions; the statement parser extends it. */
export class ExpressionParser extends TokenStream {
  protected parseTuple(
    simplified: boolean,
    explicitParens = false,
    extraEnd: string[] = [],
    withCondExpr = true,
  ): Expr {
    const start = this.peek()
    const items: Expr[] = []
    let isTuple = false
    for (;;) {
      if (items.length > 0) {
        if (!this.isOp(',')) break
        this.next()
        isTuple = true
      }
      if (this.tupleEnds(extraEnd)) break
      items.push(simplified ? this.parsePrimaryPostfix() : this.parseExpression(withCondExpr))
    }
    if (!isTuple) {
      if (items.length > 0) return items[0]!
      if (!explicitParens) throw this.fail(`expected an expression, got ${describe(this.peek())}`)
    }
    return { kind: 'tuple', items, line: start.line, column: start.column }
  }

  protected tupleEnds(extra: string[]): boolean {
    const t = this.peek()
    if (t.type === 'var_end' || t.type === 'block_end' || t.type === 'eof') return true
    if (t.type === 'op' && t.value === ')') return true
    return t.type === 'name' && (t.value === 'in' || extra.includes(t.value))
  }

  protected parseExpression(withCondExpr = true): Expr {
    return withCondExpr ? this.parseCondExpr() : this.parseOr()
  }

  protected parseCondExpr(): Expr {
    let expr = this.parseOr()
    while (this.isName('if')) {
      const t = this.next()
      const test = this.parseOr()
      let otherwise: Expr | null = null
      if (this.isName('else')) {
        this.next()
        otherwise = this.parseCondExpr()
      }
      expr = { kind: 'cond', test, then: expr, otherwise, line: t.line, column: t.column }
    }
    return expr
  }

  protected parseOr(): Expr {
    let left = this.parseAnd()
    while (this.isName('or')) {
      const t = this.next()
      left = { kind: 'or', left, right: this.parseAnd(), line: t.line, column: t.column }
    }
    return left
  }

  protected parseAnd(): Expr {
    let left = this.parseNot()
    while (this.isName('and')) {
      const t = this.next()
      left = { kind: 'and', left, right: this.parseNot(), line: t.line, column: t.column }
    }
    return left
  }

  protected parseNot(): Expr {
    if (this.isName('not')) {
      const t = this.next()
      return { kind: 'unary', op: 'not', operand: this.parseNot(), line: t.line, column: t.column }
    }
    return this.parseCompare()
  }

  protected parseCompare(): Expr {
    const first = this.parseMath1()
    const ops: [string, Expr][] = []
    for (;;) {
      const t = this.peek()
      if (t.type === 'op' && COMPARE.has(t.value)) {
        this.next()
        ops.push([t.value, this.parseMath1()])
      } else if (this.isName('in')) {
        this.next()
        ops.push(['in', this.parseMath1()])
      } else if (this.isName('not') && this.isName('in', 1)) {
        this.i += 2
        ops.push(['notin', this.parseMath1()])
      } else break
    }
    if (ops.length === 0) return first
    return { kind: 'compare', first, ops, line: first.line, column: first.column }
  }

  protected parseMath1(): Expr {
    let left = this.parseConcat()
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next()
      left = {
        kind: 'binary',
        op: t.value,
        left,
        right: this.parseConcat(),
        line: t.line,
        column: t.column,
      }
    }
    return left
  }

  protected parseConcat(): Expr {
    let left = this.parseMath2()
    while (this.isOp('~')) {
      const t = this.next()
      left = {
        kind: 'binary',
        op: '~',
        left,
        right: this.parseMath2(),
        line: t.line,
        column: t.column,
      }
    }
    return left
  }

  protected parseMath2(): Expr {
    let left = this.parsePow()
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const t = this.next()
      left = {
        kind: 'binary',
        op: t.value,
        left,
        right: this.parsePow(),
        line: t.line,
        column: t.column,
      }
    }
    return left
  }

  protected parsePow(): Expr {
    let left = this.parseUnary()
    while (this.isOp('**')) {
      const t = this.next()
      left = {
        kind: 'binary',
        op: '**',
        left,
        right: this.parseUnary(),
        line: t.line,
        column: t.column,
      }
    }
    return left
  }

  protected parseUnary(withFilter = true): Expr {
    const t = this.peek()
    let node: Expr
    if (this.isOp('-') || this.isOp('+')) {
      this.next()
      node = {
        kind: 'unary',
        op: t.value,
        operand: this.parseUnary(false),
        line: t.line,
        column: t.column,
      }
    } else node = this.parsePrimary()
    node = this.parsePostfix(node)
    if (withFilter) node = this.parseFilterExpr(node)
    return node
  }

  protected parsePrimaryPostfix(): Expr {
    return this.parsePostfix(this.parsePrimary())
  }

  protected parsePrimary(): Expr {
    const t = this.next()
    const at = { line: t.line, column: t.column }
    if (t.type === 'name') {
      switch (t.value) {
        case 'true':
        case 'True':
          return { kind: 'const', value: true, ...at }
        case 'false':
        case 'False':
          return { kind: 'const', value: false, ...at }
        case 'none':
        case 'None':
          return { kind: 'const', value: null, ...at }
        default:
          return { kind: 'name', name: t.value, ...at }
      }
    }
    if (t.type === 'string') {
      let value = t.value
      while (this.peek().type === 'string') value += this.next().value
      return { kind: 'const', value, ...at }
    }
    if (t.type === 'number')
      return { kind: 'const', value: t.float === true ? pyFloat(t.num!) : t.num!, ...at }
    if (t.type === 'op') {
      if (t.value === '(') {
        const expr = this.parseTuple(false, true)
        this.expectOp(')')
        return expr
      }
      if (t.value === '[') {
        const items: Expr[] = []
        while (!this.isOp(']')) {
          if (items.length > 0) this.expectOp(',')
          if (this.isOp(']')) break
          items.push(this.parseExpression())
        }
        this.expectOp(']')
        return { kind: 'list', items, ...at }
      }
      if (t.value === '{') {
        const pairs: [Expr, Expr][] = []
        while (!this.isOp('}')) {
          if (pairs.length > 0) this.expectOp(',')
          if (this.isOp('}')) break
          const key = this.parseExpression()
          this.expectOp(':')
          pairs.push([key, this.parseExpression()])
        }
        this.expectOp('}')
        return { kind: 'dict', pairs, ...at }
      }
    }
    throw this.fail(`unexpected ${describe(t)}`, t)
  }

  protected parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node)
      else if (this.isOp('(')) node = this.parseCall(node)
      else return node
    }
  }

  protected parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) node = this.parseFilter(node)
      else if (this.isName('is')) node = this.parseTest(node)
      else if (this.isOp('(')) node = this.parseCall(node)
      else return node
    }
  }

  protected parseSubscript(node: Expr): Expr {
    const t = this.next()
    const at = { line: t.line, column: t.column }
    if (t.value === '.') {
      const a = this.next()
      if (a.type === 'name') return { kind: 'getattr', obj: node, attr: a.value, ...at }
      if (a.type === 'number' && a.float !== true)
        return { kind: 'getitem', obj: node, key: { kind: 'const', value: a.num, ...at }, ...at }
      throw this.fail('expected name or number', a)
    }
    // '[': a subscript, a slice, or a tuple of them (rare; not supported)
    const parts: (Expr | null)[] = []
    let isSlice = false
    let current: Expr | null = null
    while (!this.isOp(']')) {
      if (this.isOp(':')) {
        this.next()
        parts.push(current)
        current = null
        isSlice = true
        continue
      }
      current = this.parseExpression()
    }
    parts.push(current)
    this.expectOp(']')
    if (!isSlice) {
      if (parts[0] === null) throw this.fail('expected a subscript', t)
      return { kind: 'getitem', obj: node, key: parts[0]!, ...at }
    }
    if (parts.length > 3) throw this.fail('invalid slice', t)
    return {
      kind: 'slice',
      obj: node,
      start: parts[0] ?? null,
      stop: parts[1] ?? null,
      step: parts[2] ?? null,
      ...at,
    }
  }

  protected parseCall(node: Expr): Expr {
    const t = this.peek()
    return { kind: 'call', fn: node, args: this.parseCallArgs(), line: t.line, column: t.column }
  }

  protected parseCallArgs(): CallArgs {
    this.expectOp('(')
    const args: Expr[] = []
    const kwargs: [string, Expr][] = []
    let star: Expr | null = null
    let dstar: Expr | null = null
    let first = true
    while (!this.isOp(')')) {
      if (!first) {
        this.expectOp(',')
        if (this.isOp(')')) break
      }
      first = false
      if (this.isOp('**')) {
        this.next()
        dstar = this.parseExpression()
      } else if (this.isOp('*')) {
        this.next()
        star = this.parseExpression()
      } else if (this.peek().type === 'name' && this.isOp('=', 1)) {
        const key = this.next().value
        this.next()
        kwargs.push([key, this.parseExpression()])
      } else {
        if (kwargs.length > 0 || dstar !== null)
          throw this.fail('invalid syntax for function call expression')
        args.push(this.parseExpression())
      }
    }
    this.expectOp(')')
    return { args, kwargs, star, dstar }
  }

  protected parseDottedName(): string {
    let name = this.expectName().value
    while (this.isOp('.')) {
      this.next()
      name += `.${this.expectName().value}`
    }
    return name
  }

  protected parseFilter(node: Expr): Expr {
    this.expectOp('|')
    const t = this.peek()
    const name = this.parseDottedName()
    const args = this.isOp('(') ? this.parseCallArgs() : EMPTY_ARGS
    return { kind: 'filter', name, value: node, args, line: t.line, column: t.column }
  }

  protected parseTest(node: Expr): Expr {
    const t = this.next()
    let negated = false
    if (this.isName('not')) {
      this.next()
      negated = true
    }
    const name = this.parseDottedName()
    let args = EMPTY_ARGS
    if (this.isOp('(')) args = this.parseCallArgs()
    else if (this.startsTestArg()) {
      const arg = this.parsePrimaryPostfix()
      args = { args: [arg], kwargs: [], star: null, dstar: null }
    }
    return { kind: 'test', name, value: node, args, negated, line: t.line, column: t.column }
  }

  /** Jinja2 takes one bare argument after a test name when it starts a primary expression. */
  protected startsTestArg(): boolean {
    const t = this.peek()
    if (t.type === 'string' || t.type === 'number') return true
    if (t.type === 'op') return t.value === '[' || t.value === '{' || t.value === '-'
    if (t.type === 'name') return !['else', 'or', 'and', 'is', 'in', 'if', 'not'].includes(t.value)
    return false
  }
}
