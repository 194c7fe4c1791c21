/**
 * @module transform/template/jinja/parser
 * Jinja2's grammar, as its parser implements it: statements (`if`, `for` with `else`/filter/
 * `recursive`, `set` and block `set`, `macro`, `call`, `filter`, `with`, `do`, `break`,
 * `continue`, dbt's `test` and `materialization`), and expressions with Jinja2's precedence
 * (inline if < or < and < not < comparisons < + - < ~ < * / // % < ** < unary < postfix,
 * filters and tests). Unsupported tags (`extends`, `include`, `import`, …) are syntax errors.
 */
import type { CallArgs, Expr, MacroDef, Stmt, Target } from './ast.js'
import { TemplateError } from './errors.js'
import { tokenize, type Token } from './lexer.js'
import { pyFloat } from './values.js'

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>='])
const UNSUPPORTED = new Set(['extends', 'block', 'include', 'import', 'from', 'autoescape'])

/** Parses a template into statements. Throws a positioned `syntax` TemplateError. */
export function parseTemplate(source: string): Stmt[] {
  return new Parser(tokenize(source)).parseAll()
}

class Parser {
  private i = 0
  constructor(private readonly tokens: Token[]) {}

  parseAll(): Stmt[] {
    const body = this.subparse([])
    const t = this.peek()
    if (t.type !== 'eof') throw this.fail(`unexpected '${this.peek(1).value}'`, t)
    return body
  }

  // --- token helpers ---------------------------------------------------------------------------
  private peek(n = 0): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)]!
  }
  private next(): Token {
    const t = this.tokens[this.i]!
    if (t.type !== 'eof') this.i++
    return t
  }
  private isOp(v: string, n = 0): boolean {
    const t = this.peek(n)
    return t.type === 'op' && t.value === v
  }
  private isName(v: string, n = 0): boolean {
    const t = this.peek(n)
    return t.type === 'name' && t.value === v
  }
  private skipOp(v: string): boolean {
    if (!this.isOp(v)) return false
    this.i++
    return true
  }
  private expectOp(v: string): Token {
    if (!this.isOp(v)) throw this.fail(`expected token '${v}', got ${describe(this.peek())}`)
    return this.next()
  }
  private expectName(v?: string): Token {
    const t = this.peek()
    if (t.type !== 'name' || (v !== undefined && t.value !== v))
      throw this.fail(`expected ${v === undefined ? 'a name' : `'${v}'`}, got ${describe(t)}`)
    return this.next()
  }
  private expectType(type: Token['type']): Token {
    if (this.peek().type !== type)
      throw this.fail(`expected end of statement block, got ${describe(this.peek())}`)
    return this.next()
  }
  private fail(message: string, t: Token = this.peek()): TemplateError {
    return new TemplateError('syntax', message, t.line, t.column)
  }

  // --- statements ------------------------------------------------------------------------------
  /** Parses until a block tag whose name is in `ends` (left unconsumed after `{%`). */
  private subparse(ends: readonly string[]): Stmt[] {
    const body: Stmt[] = []
    for (;;) {
      const t = this.peek()
      if (t.type === 'eof') {
        if (ends.length > 0)
          throw this.fail(`unexpected end of template, expected '${ends.join("' or '")}'`, t)
        return body
      }
      if (t.type === 'data') {
        this.next()
        body.push({ kind: 'data', text: t.value, line: t.line, column: t.column })
      } else if (t.type === 'var_begin') {
        this.next()
        const expr = this.parseTuple(false)
        this.expectType('var_end')
        body.push({ kind: 'output', expr, line: t.line, column: t.column })
      } else if (t.type === 'block_begin') {
        const name = this.peek(1)
        if (name.type === 'name' && ends.includes(name.value)) {
          this.next()
          return body
        }
        this.next()
        const stmt = this.parseStatement(t)
        if (stmt !== null) body.push(stmt)
      } else throw this.fail(`unexpected ${describe(t)}`, t)
    }
  }

  /** After `{%`: the statement; consumes through its `%}` (and its end tag). */
  private parseStatement(open: Token): Stmt | null {
    const t = this.peek()
    if (t.type !== 'name') throw this.fail('tag name expected', t)
    const at = { line: open.line, column: open.column }
    this.next()
    switch (t.value) {
      case 'if':
        return this.parseIf(at)
      case 'for':
        return this.parseFor(at)
      case 'set':
        return this.parseSet(at)
      case 'macro':
        return this.parseMacro(at, this.expectName().value, 'endmacro')
      case 'test':
        return this.parseMacro(at, `test_${this.expectName().value}`, 'endtest')
      case 'materialization':
        return this.parseMaterialization(at)
      case 'call':
        return this.parseCallBlock(at)
      case 'filter': {
        const filters = this.parseFilterChain(false)
        this.expectType('block_end')
        const body = this.subparse(['endfilter'])
        this.endTag()
        return { kind: 'filterblock', filters, body, ...at }
      }
      case 'with':
        return this.parseWith(at)
      case 'do': {
        const expr = this.parseTuple(false)
        this.expectType('block_end')
        return { kind: 'do', expr, ...at }
      }
      case 'break':
      case 'continue':
        this.expectType('block_end')
        return { kind: t.value, ...at }
      default:
        if (UNSUPPORTED.has(t.value))
          throw this.fail(
            `the '${t.value}' tag is not supported (dbt does not use template inheritance or includes)`,
            t,
          )
        throw this.fail(`encountered unknown tag '${t.value}'`, t)
    }
  }

  /** Consumes `name %}` of an end tag (`{%` already consumed by subparse). */
  private endTag(): void {
    this.expectName()
    this.expectType('block_end')
  }

  private parseIf(at: { line: number; column: number }): Stmt {
    const branches: [Expr, Stmt[]][] = []
    let otherwise: Stmt[] = []
    let test = this.parseTuple(false)
    for (;;) {
      this.expectType('block_end')
      const body = this.subparse(['elif', 'else', 'endif'])
      branches.push([test, body])
      const tag = this.next().value
      if (tag === 'elif') {
        test = this.parseTuple(false)
        continue
      }
      if (tag === 'else') {
        this.expectType('block_end')
        otherwise = this.subparse(['endif'])
        this.endTag()
      } else this.expectType('block_end')
      return { kind: 'if', branches, otherwise, ...at }
    }
  }

  private parseFor(at: { line: number; column: number }): Stmt {
    const target = this.parseAssignTarget()
    this.expectName('in')
    const iter = this.parseTuple(false, false, ['recursive'], false)
    let filter: Expr | null = null
    if (this.isName('if')) {
      this.next()
      filter = this.parseExpression(true)
    }
    const recursive = this.isName('recursive')
    if (recursive) this.next()
    this.expectType('block_end')
    const body = this.subparse(['endfor', 'else'])
    let otherwise: Stmt[] = []
    if (this.next().value === 'else') {
      this.expectType('block_end')
      otherwise = this.subparse(['endfor'])
      this.endTag()
    } else this.expectType('block_end')
    return { kind: 'for', target, iter, filter, body, otherwise, recursive, ...at }
  }

  private parseSet(at: { line: number; column: number }): Stmt {
    const target = this.parseAssignTarget(true)
    if (this.skipOp('=')) {
      const value = this.parseTuple(false)
      this.expectType('block_end')
      return { kind: 'set', target, value, ...at }
    }
    const filters = this.isOp('|') ? this.parseFilterChain(true) : []
    this.expectType('block_end')
    const body = this.subparse(['endset'])
    this.endTag()
    return { kind: 'setblock', target, filters, body, ...at }
  }

  private parseWith(at: { line: number; column: number }): Stmt {
    const targets: [Target, Expr][] = []
    while (this.peek().type !== 'block_end') {
      if (targets.length > 0) this.expectOp(',')
      const target = this.parseAssignTarget()
      this.expectOp('=')
      targets.push([target, this.parseExpression()])
    }
    this.expectType('block_end')
    const body = this.subparse(['endwith'])
    this.endTag()
    return { kind: 'with', targets, body, ...at }
  }

  private parseMacro(at: { line: number; column: number }, name: string, end: string): Stmt {
    const { params, defaults } = this.parseSignature()
    this.expectType('block_end')
    const body = this.subparse([end])
    this.endTag()
    return { kind: 'macro', def: makeDef(name, params, defaults, body, at), ...at }
  }

  /** dbt's `{% materialization name, adapter='x' %}`: kept as a macro named as dbt names it. */
  private parseMaterialization(at: { line: number; column: number }): Stmt {
    const name = this.expectName().value
    let adapter = 'default'
    while (this.skipOp(',')) {
      const key = this.expectName().value
      this.expectOp('=')
      const v = this.parseExpression()
      if (key === 'adapter' && v.kind === 'const') adapter = String(v.value)
    }
    this.expectType('block_end')
    const body = this.subparse(['endmaterialization'])
    this.endTag()
    const def = makeDef(`materialization_${name}_${adapter}`, [], [], body, at)
    return { kind: 'macro', def, ...at }
  }

  private parseCallBlock(at: { line: number; column: number }): Stmt {
    let params: string[] = []
    let defaults: (Expr | null)[] = []
    if (this.isOp('(')) ({ params, defaults } = this.parseSignature())
    const call = this.parseExpression()
    if (call.kind !== 'call') throw this.fail('expected call', this.peek())
    this.expectType('block_end')
    const body = this.subparse(['endcall'])
    this.endTag()
    return { kind: 'callblock', call, caller: makeDef('caller', params, defaults, body, at), ...at }
  }

  private parseSignature(): { params: string[]; defaults: (Expr | null)[] } {
    const params: string[] = []
    const defaults: (Expr | null)[] = []
    this.expectOp('(')
    while (!this.isOp(')')) {
      if (params.length > 0) this.expectOp(',')
      const name = this.expectName().value
      params.push(name)
      if (this.skipOp('=')) defaults.push(this.parseExpression())
      else if (defaults.some((d) => d !== null))
        throw this.fail('non-default argument follows default argument')
      else defaults.push(null)
    }
    this.expectOp(')')
    return { params, defaults }
  }

  /** `upper | replace('a', 'b')` after `{% filter`, or `| upper` after `{% set x`. */
  private parseFilterChain(leadingPipe: boolean): Expr[] {
    const filters: Expr[] = []
    if (leadingPipe) this.expectOp('|')
    for (;;) {
      const t = this.peek()
      const name = this.parseDottedName()
      const args = this.isOp('(') ? this.parseCallArgs() : EMPTY_ARGS
      filters.push({ kind: 'filter', name, value: null, args, line: t.line, column: t.column })
      if (!this.skipOp('|')) return filters
    }
  }

  private parseAssignTarget(withNamespace = false): Target {
    const items: Target[] = []
    const first = this.peek()
    for (;;) {
      const t = this.expectName()
      if (withNamespace && this.isOp('.')) {
        this.next()
        const attr = this.expectName().value
        items.push({ kind: 'nsattr', name: t.value, attr, line: t.line, column: t.column })
      } else items.push({ kind: 'name', name: t.value, line: t.line, column: t.column })
      if (!this.isOp(',')) break
      this.next()
      if (this.peek().type !== 'name') break
    }
    if (items.length === 1 && !this.isOp(',')) {
      const only = items[0]!
      const trailingComma = this.tokens[this.i - 1]?.value === ','
      if (!trailingComma) return only
    }
    return { kind: 'tuple', items, line: first.line, column: first.column }
  }

  // --- expressions -----------------------------------------------------------------------------
  /** A tuple without parentheses (`a, b`), or a single expression. */
  private parseTuple(
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

  private tupleEnds(extra: string[]): boolean {
    const t = this.peek()
    if (t.type === 'var_end' || t.type === 'block_end' || t.type === 'eof') return true
    if (t.type === 'op' && t.value === ')') return true
    return t.type === 'name' && (t.value === 'in' || extra.includes(t.value))
  }

  private parseExpression(withCondExpr = true): Expr {
    return withCondExpr ? this.parseCondExpr() : this.parseOr()
  }

  private parseCondExpr(): Expr {
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

  private parseOr(): Expr {
    let left = this.parseAnd()
    while (this.isName('or')) {
      const t = this.next()
      left = { kind: 'or', left, right: this.parseAnd(), line: t.line, column: t.column }
    }
    return left
  }

  private parseAnd(): Expr {
    let left = this.parseNot()
    while (this.isName('and')) {
      const t = this.next()
      left = { kind: 'and', left, right: this.parseNot(), line: t.line, column: t.column }
    }
    return left
  }

  private parseNot(): Expr {
    if (this.isName('not')) {
      const t = this.next()
      return { kind: 'unary', op: 'not', operand: this.parseNot(), line: t.line, column: t.column }
    }
    return this.parseCompare()
  }

  private parseCompare(): Expr {
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

  private parseMath1(): Expr {
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

  private parseConcat(): Expr {
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

  private parseMath2(): Expr {
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

  private parsePow(): Expr {
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

  private parseUnary(withFilter = true): Expr {
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

  private parsePrimaryPostfix(): Expr {
    return this.parsePostfix(this.parsePrimary())
  }

  private parsePrimary(): Expr {
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

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.isOp('.') || this.isOp('[')) node = this.parseSubscript(node)
      else if (this.isOp('(')) node = this.parseCall(node)
      else return node
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.isOp('|')) node = this.parseFilter(node)
      else if (this.isName('is')) node = this.parseTest(node)
      else if (this.isOp('(')) node = this.parseCall(node)
      else return node
    }
  }

  private parseSubscript(node: Expr): Expr {
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

  private parseCall(node: Expr): Expr {
    const t = this.peek()
    return { kind: 'call', fn: node, args: this.parseCallArgs(), line: t.line, column: t.column }
  }

  private parseCallArgs(): CallArgs {
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

  private parseDottedName(): string {
    let name = this.expectName().value
    while (this.isOp('.')) {
      this.next()
      name += `.${this.expectName().value}`
    }
    return name
  }

  private parseFilter(node: Expr): Expr {
    this.expectOp('|')
    const t = this.peek()
    const name = this.parseDottedName()
    const args = this.isOp('(') ? this.parseCallArgs() : EMPTY_ARGS
    return { kind: 'filter', name, value: node, args, line: t.line, column: t.column }
  }

  private parseTest(node: Expr): Expr {
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
  private startsTestArg(): boolean {
    const t = this.peek()
    if (t.type === 'string' || t.type === 'number') return true
    if (t.type === 'op') return t.value === '[' || t.value === '{' || t.value === '-'
    if (t.type === 'name') return !['else', 'or', 'and', 'is', 'in', 'if', 'not'].includes(t.value)
    return false
  }
}

const EMPTY_ARGS: CallArgs = { args: [], kwargs: [], star: null, dstar: null }

function makeDef(
  name: string,
  params: string[],
  defaults: (Expr | null)[],
  body: Stmt[],
  at: { line: number; column: number },
): MacroDef {
  const names = new Set<string>()
  collectNames(body, names)
  for (const d of defaults) if (d !== null) collectNames(d, names)
  return {
    name,
    params,
    defaults,
    body,
    usesVarargs: names.has('varargs'),
    usesKwargs: names.has('kwargs'),
    usesCaller: names.has('caller'),
    ...at,
  }
}

/** Every `name` read anywhere under `node` (a deliberately simple walk over the plain tree). */
function collectNames(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const n of node) collectNames(n, out)
    return
  }
  if (node === null || typeof node !== 'object') return
  const n = node as { kind?: string; name?: string }
  if (n.kind === 'name' && typeof n.name === 'string') out.add(n.name)
  for (const v of Object.values(node)) if (v !== null && typeof v === 'object') collectNames(v, out)
}

function describe(t: Token): string {
  switch (t.type) {
    case 'eof':
      return 'end of template'
    case 'var_end':
      return "'}}'"
    case 'block_end':
      return "'%}'"
    case 'string':
      return 'string'
    case 'number':
      return 'number'
    default:
      return `'${t.value}'`
  }
}
