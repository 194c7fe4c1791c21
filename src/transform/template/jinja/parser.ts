/**
 * @module transform/template/jinja/parser
 * Jinja2's statements, as its parser reads them: `if`, `for` (with `else`, a filter and
 * `recursive`), `set` and block `set`, `macro`, `call`, `filter`, `with`, `do`, `break`,
 * `continue`, and dbt's `test` and `materialization`. Expressions are `expression-parser.ts`'s.
 * Unsupported tags (`extends`, `include`, `import`, …) are syntax errors.
 */
import type { Expr, MacroDef, Stmt, Target } from './ast.js'
import { EMPTY_ARGS, ExpressionParser } from './expression-parser.js'
import { describe } from './token-stream.js'
import { tokenize } from './lexer.js'
import type { Token } from './lexer.js'

const UNSUPPORTED = new Set(['extends', 'block', 'include', 'import', 'from', 'autoescape'])

/** Parses a template into statements. Throws a positioned `syntax` TemplateError. */
export function parseTemplate(source: string): Stmt[] {
  return new Parser(tokenize(source)).parseAll()
}

class Parser extends ExpressionParser {
  parseAll(): Stmt[] {
    const body = this.subparse([])
    const t = this.peek()
    if (t.type !== 'eof') throw this.fail(`unexpected '${this.peek(1).value}'`, t)
    return body
  }

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
}

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
