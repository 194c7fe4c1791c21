/**
 * @module transform/template/jinja/lexer
 * Splits a template into tokens as Jinja2's lexer does with its default settings: `{{ }}`,
 * `{% %}`, `{# #}`, `-` whitespace control, `{% raw %}`, newlines normalised and one trailing
 * newline dropped (`keep_trailing_newline=False`). Every token carries its 1-based line and column.
 */
import { TemplateError } from './errors.js'

/** A token. `value` is the text, the string's value, or the number. */
export interface Token {
  readonly type: TokenType
  readonly value: string
  readonly num?: number
  readonly float?: boolean
  readonly line: number
  readonly column: number
}

export type TokenType =
  | 'data'
  | 'var_begin'
  | 'var_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'number'
  | 'op'
  | 'eof'

const OPERATORS = [
  '//',
  '**',
  '==',
  '!=',
  '>=',
  '<=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '~',
  '<',
  '>',
  '=',
  '.',
  ',',
  ':',
  '|',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ';',
]
const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS)
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y
const FLOAT = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y
const INTEGER = /(?:0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|(?:\d+_)*\d+)/y
const WS = /\s+/y
const RAW_END = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g
const RAW_BEGIN = /\{%([-+]?)\s*raw\s*([-+]?)%\}/y

class Cursor {
  line = 1
  column = 1
  private at = 0
  constructor(private readonly text: string) {}
  /** Moves the position to offset `to`, counting lines. */
  advance(to: number): void {
    for (let i = this.at; i < to; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line++
        this.column = 1
      } else this.column++
    }
    this.at = to
  }
}

/** Tokenizes `source`. Throws a positioned syntax error on an unterminated tag or string. */
export function tokenize(source: string): Token[] {
  let text = source.replace(/\r\n?/g, '\n')
  if (text.endsWith('\n')) text = text.slice(0, -1)
  const tokens: Token[] = []
  const cur = new Cursor(text)
  let pos = 0
  let stripNext = false
  while (pos < text.length) {
    const open = findOpen(text, pos)
    let data = text.slice(pos, open === -1 ? text.length : open)
    const dataLine = cur.line
    const dataColumn = cur.column
    if (stripNext) {
      const trimmed = data.replace(/^\s+/, '')
      cur.advance(pos + (data.length - trimmed.length))
      data = trimmed
    }
    if (open === -1) {
      if (data !== '')
        tokens.push({ type: 'data', value: data, line: dataLine, column: dataColumn })
      break
    }
    const kind = text[open + 1]!
    const strip = text[open + 2] === '-'
    if (strip) data = data.replace(/\s+$/, '')
    if (data !== '') tokens.push({ type: 'data', value: data, line: cur.line, column: cur.column })
    cur.advance(open)
    const tagLine = cur.line
    const tagColumn = cur.column
    if (kind === '#') {
      const close = text.indexOf('#}', open + 2)
      if (close === -1)
        throw new TemplateError('syntax', 'missing end of comment tag', tagLine, tagColumn)
      stripNext = text[close - 1] === '-' && close - 1 > open + 1
      pos = close + 2
      cur.advance(pos)
      continue
    }
    RAW_BEGIN.lastIndex = open
    const raw = RAW_BEGIN.exec(text)
    if (raw !== null) {
      RAW_END.lastIndex = RAW_BEGIN.lastIndex
      const end = RAW_END.exec(text)
      if (end === null)
        throw new TemplateError('syntax', "missing '{% endraw %}'", tagLine, tagColumn)
      let body = text.slice(RAW_BEGIN.lastIndex, end.index)
      if (raw[2] === '-') body = body.replace(/^\s+/, '')
      if (end[1] === '-') body = body.replace(/\s+$/, '')
      if (body !== '') tokens.push({ type: 'data', value: body, line: tagLine, column: tagColumn })
      stripNext = end[2] === '-'
      pos = end.index + end[0].length
      cur.advance(pos)
      continue
    }
    const isVar = kind === '{'
    tokens.push({
      type: isVar ? 'var_begin' : 'block_begin',
      value: '',
      line: tagLine,
      column: tagColumn,
    })
    pos = open + 2 + (strip || text[open + 2] === '+' ? 1 : 0)
    cur.advance(pos)
    const end = lexTag(text, pos, isVar, tokens, cur)
    stripNext = end.strip
    pos = end.next
    cur.advance(pos)
  }
  tokens.push({ type: 'eof', value: '', line: cur.line, column: cur.column })
  return tokens
}

function findOpen(text: string, from: number): number {
  let i = text.indexOf('{', from)
  while (i !== -1) {
    const c = text[i + 1]
    if (c === '{' || c === '%' || c === '#') return i
    i = text.indexOf('{', i + 1)
  }
  return -1
}

/** Lexes the inside of `{{ }}` or `{% %}` starting at `pos`; returns where the tag ends. */
function lexTag(
  text: string,
  start: number,
  isVar: boolean,
  tokens: Token[],
  cur: Cursor,
): { next: number; strip: boolean } {
  const endMark = isVar ? '}}' : '%}'
  const depth: string[] = []
  let pos = start
  for (;;) {
    WS.lastIndex = pos
    if (WS.test(text)) pos = WS.lastIndex
    cur.advance(pos)
    if (pos >= text.length)
      throw new TemplateError(
        'syntax',
        `unexpected end of template, expected '${endMark}'`,
        cur.line,
        cur.column,
      )
    if (depth.length === 0) {
      const c = text[pos]!
      const dashed = (c === '-' || c === '+') && text.startsWith(endMark, pos + 1)
      if (dashed || text.startsWith(endMark, pos)) {
        tokens.push({
          type: isVar ? 'var_end' : 'block_end',
          value: '',
          line: cur.line,
          column: cur.column,
        })
        return { next: pos + (dashed ? 3 : 2), strip: dashed && c === '-' }
      }
    }
    const line = cur.line
    const column = cur.column
    const c = text[pos]!
    if (c === '"' || c === "'") {
      const { value, next } = lexString(text, pos, line, column)
      tokens.push({ type: 'string', value, line, column })
      pos = next
      continue
    }
    if (c >= '0' && c <= '9') {
      const prevDot = pos > 0 && text[pos - 1] === '.'
      FLOAT.lastIndex = pos
      const f = prevDot ? null : FLOAT.exec(text)
      if (f !== null) {
        const raw = f[0].replaceAll('_', '')
        tokens.push({ type: 'number', value: raw, num: Number(raw), float: true, line, column })
        pos = FLOAT.lastIndex
        continue
      }
      INTEGER.lastIndex = pos
      const m = INTEGER.exec(text)!
      const raw = m[0].replaceAll('_', '')
      tokens.push({ type: 'number', value: raw, num: Number(raw), float: false, line, column })
      pos = INTEGER.lastIndex
      continue
    }
    NAME.lastIndex = pos
    const name = NAME.exec(text)
    if (name !== null) {
      tokens.push({ type: 'name', value: name[0], line, column })
      pos = NAME.lastIndex
      continue
    }
    const two = text.slice(pos, pos + 2)
    const op = OPERATOR_SET.has(two) ? two : OPERATOR_SET.has(c) ? c : undefined
    if (op === undefined) throw new TemplateError('syntax', `unexpected char '${c}'`, line, column)
    if (op === '(' || op === '[' || op === '{') depth.push(op)
    else if (op === ')' || op === ']' || op === '}') {
      const expected = { ')': '(', ']': '[', '}': '{' }[op]
      if (depth.pop() !== expected)
        throw new TemplateError('syntax', `unexpected '${op}'`, line, column)
    }
    tokens.push({ type: 'op', value: op, line, column })
    pos += op.length
  }
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\n': '',
}

function lexString(
  text: string,
  start: number,
  line: number,
  column: number,
): { value: string; next: number } {
  const quote = text[start]!
  let out = ''
  let i = start + 1
  while (i < text.length) {
    const c = text[i]!
    if (c === quote) return { value: out, next: i + 1 }
    if (c === '\\' && i + 1 < text.length) {
      const e = text[i + 1]!
      if (e === 'x' || e === 'u' || e === 'U') {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8
        const hex = text.slice(i + 2, i + 2 + n)
        if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === n) {
          out += String.fromCodePoint(parseInt(hex, 16))
          i += 2 + n
          continue
        }
      }
      const mapped = ESCAPES[e]
      out += mapped ?? `\\${e}`
      i += 2
      continue
    }
    out += c
    i++
  }
  throw new TemplateError('syntax', 'unexpected end of string', line, column)
}
