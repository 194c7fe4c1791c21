/**
 * @module transform/template/jinja/token-stream
 * The parser's cursor over the lexer's tokens: look ahead, consume, expect, fail with a position.
 */
import { TemplateError } from './errors.js'
import type { Token } from './lexer.js'

/** A cursor over tokens, for the parsers built on it. */
export class TokenStream {
  protected i = 0
  constructor(protected readonly tokens: Token[]) {}

  protected peek(n = 0): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)]!
  }
  protected next(): Token {
    const t = this.tokens[this.i]!
    if (t.type !== 'eof') this.i++
    return t
  }
  protected isOp(v: string, n = 0): boolean {
    const t = this.peek(n)
    return t.type === 'op' && t.value === v
  }
  protected isName(v: string, n = 0): boolean {
    const t = this.peek(n)
    return t.type === 'name' && t.value === v
  }
  protected skipOp(v: string): boolean {
    if (!this.isOp(v)) return false
    this.i++
    return true
  }
  protected expectOp(v: string): Token {
    if (!this.isOp(v)) throw this.fail(`expected token '${v}', got ${describe(this.peek())}`)
    return this.next()
  }
  protected expectName(v?: string): Token {
    const t = this.peek()
    if (t.type !== 'name' || (v !== undefined && t.value !== v))
      throw this.fail(`expected ${v === undefined ? 'a name' : `'${v}'`}, got ${describe(t)}`)
    return this.next()
  }
  protected expectType(type: Token['type']): Token {
    if (this.peek().type !== type)
      throw this.fail(`expected end of statement block, got ${describe(this.peek())}`)
    return this.next()
  }
  protected fail(message: string, t: Token = this.peek()): TemplateError {
    return new TemplateError('syntax', message, t.line, t.column)
  }
}

/** How a token is named in an error message. */
export function describe(t: Token): string {
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
