/**
 * @module transform/template/dbt/py-re
 * `modules.re`: Python's `re` on JavaScript regular expressions. Patterns are translated
 * (`(?P<name>…)`, `(?P=name)`, `\A`, `\Z`, leading inline flags) and so are replacement strings
 * (`\1`, `\g<name>`); `match` anchors at the start, `fullmatch` at both ends.
 */
import { runtimeError } from '../jinja/errors.js'
import { callValue } from '../jinja/runtime.js'
import { type Kwargs, PyFunction, str, toNumber, tuple } from '../jinja/values.js'

const FLAG = {
  I: 2,
  IGNORECASE: 2,
  M: 8,
  MULTILINE: 8,
  S: 16,
  DOTALL: 16,
  X: 64,
  VERBOSE: 64,
  A: 256,
  ASCII: 256,
  U: 32,
  UNICODE: 32,
}

function translate(pattern: string, flags: number): RegExp {
  let p = pattern
  let f = flags
  const inline = /^\(\?([aiLmsux]+)\)/.exec(p)
  if (inline !== null) {
    for (const c of inline[1]!) f |= { a: 256, i: 2, L: 0, m: 8, s: 16, u: 32, x: 64 }[c] ?? 0
    p = p.slice(inline[0].length)
  }
  if ((f & 64) !== 0)
    p = p
      .replace(/\\#/g, '\u0000')
      .replace(/#[^\n]*/g, '')
      .replace(/\s+/g, '')
      .replaceAll('\u0000', '\\#')
  p = p
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])')
  let js = 'd'
  if ((f & 2) !== 0) js += 'i'
  if ((f & 8) !== 0) js += 'm'
  if ((f & 16) !== 0) js += 's'
  try {
    return new RegExp(p, js)
  } catch (error) {
    throw runtimeError(`re.error: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** A match object. */
class PyMatch {
  constructor(
    private readonly m: RegExpExecArray,
    readonly string: string,
  ) {}
  private groupValue(g: unknown): unknown {
    const v =
      typeof g === 'string'
        ? this.m.groups?.[g]
        : this.m[g === undefined ? 0 : toNumber(g as number)]
    return v ?? null
  }
  readonly group = new PyFunction('group', (args) => {
    if (args.length <= 1) return this.groupValue(args[0])
    return tuple(args.map((a) => this.groupValue(a)))
  })
  readonly groups = new PyFunction('groups', ([dflt]) =>
    tuple(this.m.slice(1).map((v) => v ?? dflt ?? null)),
  )
  readonly groupdict = new PyFunction(
    'groupdict',
    () => new Map(Object.entries(this.m.groups ?? {}).map(([k, v]) => [k, v ?? null])),
  )
  readonly start = new PyFunction(
    'start',
    ([g]) => this.m.indices?.[g === undefined ? 0 : toNumber(g as number)]?.[0] ?? -1,
  )
  readonly end = new PyFunction(
    'end',
    ([g]) => this.m.indices?.[g === undefined ? 0 : toNumber(g as number)]?.[1] ?? -1,
  )
  readonly span = new PyFunction('span', ([g]) =>
    tuple([...(this.m.indices?.[g === undefined ? 0 : toNumber(g as number)] ?? [-1, -1])]),
  )
  toString(): string {
    return `<re.Match object; span=(${this.m.index}, ${this.m.index + this.m[0].length}), match='${this.m[0]}'>`
  }
}

function expandTemplate(repl: string, m: RegExpExecArray): string {
  return repl.replace(
    /\\(g<([^>]+)>|\d{1,2}|n|t|r|\\)|\\./g,
    (all, _x, named: string | undefined) => {
      if (named !== undefined)
        return (/^\d+$/.test(named) ? m[Number(named)] : m.groups?.[named]) ?? ''
      const c = all.slice(1)
      if (/^\d+$/.test(c)) return m[Number(c)] ?? ''
      return { n: '\n', t: '\t', r: '\r', '\\': '\\' }[c] ?? all
    },
  )
}

function matchAt(
  re: RegExp,
  s: string,
  mode: 'match' | 'fullmatch' | 'search',
  pos = 0,
): RegExpExecArray | null {
  const flags = re.flags + (mode === 'search' ? 'g' : 'y')
  const source = mode === 'fullmatch' ? `(?:${re.source})$(?![\\s\\S])` : re.source
  const r = new RegExp(source, flags)
  r.lastIndex = pos
  return r.exec(s)
}

function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const r = new RegExp(re.source, `${re.flags}g`)
  const out: RegExpExecArray[] = []
  let m: RegExpExecArray | null
  while ((m = r.exec(s)) !== null) {
    out.push(m)
    if (m[0] === '') r.lastIndex++
  }
  return out
}

function sub(re: RegExp, repl: unknown, s: string, count: number): [string, number] {
  let n = 0
  let out = ''
  let last = 0
  for (const m of allMatches(re, s)) {
    if (count > 0 && n >= count) break
    out += s.slice(last, m.index)
    out +=
      typeof repl === 'string'
        ? expandTemplate(repl, m)
        : str(callValue(repl, [new PyMatch(m, s)], null))
    last = m.index + m[0].length
    n++
  }
  return [out + s.slice(last), n]
}

function split(re: RegExp, s: string, maxsplit: number): unknown[] {
  const out: unknown[] = []
  let last = 0
  let n = 0
  for (const m of allMatches(re, s)) {
    if (maxsplit > 0 && n >= maxsplit) break
    if (m[0] === '' && m.index === last && m.index === 0) continue
    out.push(s.slice(last, m.index), ...m.slice(1).map((g) => g ?? null))
    last = m.index + m[0].length
    n++
  }
  out.push(s.slice(last))
  return out
}

function findall(re: RegExp, s: string): unknown[] {
  return allMatches(re, s).map((m) => {
    if (m.length === 1) return m[0]
    if (m.length === 2) return m[1] ?? ''
    return tuple(m.slice(1).map((g) => g ?? ''))
  })
}

function kwNum(args: unknown[], kw: Kwargs, i: number, name: string): number {
  const v = i < args.length ? args[i] : kw[name]
  return v === undefined || v === null ? 0 : toNumber(v as number)
}

/** A compiled pattern (`re.compile`). */
class PyPattern {
  constructor(
    readonly pattern: string,
    private readonly re: RegExp,
  ) {}
  readonly match = new PyFunction('match', ([s]) => wrap(matchAt(this.re, str(s), 'match'), str(s)))
  readonly fullmatch = new PyFunction('fullmatch', ([s]) =>
    wrap(matchAt(this.re, str(s), 'fullmatch'), str(s)),
  )
  readonly search = new PyFunction('search', ([s]) =>
    wrap(matchAt(this.re, str(s), 'search'), str(s)),
  )
  readonly findall = new PyFunction('findall', ([s]) => findall(this.re, str(s)))
  readonly finditer = new PyFunction('finditer', ([s]) =>
    allMatches(this.re, str(s)).map((m) => new PyMatch(m, str(s))),
  )
  readonly sub = new PyFunction(
    'sub',
    ([repl, s], kw) => sub(this.re, repl, str(s), kwNum([], kw, 9, 'count'))[0],
  )
  readonly split = new PyFunction('split', ([s], kw) =>
    split(this.re, str(s), kwNum([], kw, 9, 'maxsplit')),
  )
  toString(): string {
    return `re.compile('${this.pattern}')`
  }
}

function wrap(m: RegExpExecArray | null, s: string): PyMatch | null {
  return m === null ? null : new PyMatch(m, s)
}

function compiled(p: unknown, flags: number): RegExp {
  if (p instanceof PyPattern) return translate(p.pattern, flags)
  return translate(str(p), flags)
}

/** The `re` module object. */
export function pyReModule(): Record<string, unknown> {
  const fn = (
    name: string,
    body: (re: RegExp, s: string, args: unknown[], kw: Kwargs) => unknown,
    flagsAt: number,
  ): PyFunction =>
    new PyFunction(name, (args, kw) => {
      const re = compiled(args[0], kwNum(args, kw, flagsAt, 'flags'))
      return body(re, str(args[name === 'sub' || name === 'subn' ? 2 : 1]), args, kw)
    })
  return {
    ...FLAG,
    compile: new PyFunction(
      'compile',
      (args, kw) => new PyPattern(str(args[0]), compiled(args[0], kwNum(args, kw, 1, 'flags'))),
    ),
    match: fn('match', (re, s) => wrap(matchAt(re, s, 'match'), s), 2),
    fullmatch: fn('fullmatch', (re, s) => wrap(matchAt(re, s, 'fullmatch'), s), 2),
    search: fn('search', (re, s) => wrap(matchAt(re, s, 'search'), s), 2),
    findall: fn('findall', (re, s) => findall(re, s), 2),
    finditer: fn('finditer', (re, s) => allMatches(re, s).map((m) => new PyMatch(m, s)), 2),
    split: fn('split', (re, s, a, kw) => split(re, s, kwNum(a, kw, 2, 'maxsplit')), 3),
    sub: fn('sub', (re, s, a, kw) => sub(re, a[1], s, kwNum(a, kw, 3, 'count'))[0], 4),
    subn: fn('subn', (re, s, a, kw) => tuple(sub(re, a[1], s, kwNum(a, kw, 3, 'count'))), 4),
    escape: new PyFunction('escape', ([s]) => str(s).replace(/[.*+?^${}()|[\]\\\-#&~\s]/g, '\\$&')),
  }
}
