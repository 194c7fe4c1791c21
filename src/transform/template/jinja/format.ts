/**
 * @module transform/template/jinja/format
 * Python's string formatting: `'%s and %.2f' % (a, b)` (printf-style) and `'{} {:>4}'.format()`
 * (format spec mini-language), as far as templates use them.
 */
import { runtimeError } from './errors.js'
import {
  floatRepr,
  isMapping,
  isNumeric,
  isTuple,
  mappingEntries,
  PyFloat,
  repr,
  str,
  toNumber,
  typeName,
  Undefined,
} from './values.js'

const PRINTF = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])/g

/** `fmt % values`. */
export function printf(fmt: string, values: unknown): string {
  const positional = isTuple(values) ? [...(values as unknown[])] : [values]
  const mapping = !isTuple(values) && isMapping(values) ? values : undefined
  let used = 0
  let usedMapping = false
  const next = (): unknown => {
    if (used >= positional.length) throw runtimeError('not enough arguments for format string')
    return positional[used++]
  }
  const out = fmt.replace(
    PRINTF,
    (
      _m,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv: string,
    ) => {
      if (conv === '%') return '%'
      let value: unknown
      if (key !== undefined) {
        if (mapping === undefined) throw runtimeError('format requires a mapping')
        usedMapping = true
        value = mappingEntries(mapping).find(([k]) => k === key)?.[1]
        if (value === undefined) throw runtimeError(`KeyError: '${key}'`)
      }
      const w =
        width === '*' ? toNumber(next() as number) : width === undefined ? undefined : Number(width)
      const p =
        prec === '*' ? toNumber(next() as number) : prec === undefined ? undefined : Number(prec)
      if (key === undefined) value = next()
      return convert(value, conv, flags, w, p)
    },
  )
  if (!usedMapping && used < positional.length && !(mapping !== undefined && used === 0)) {
    throw runtimeError('not all arguments converted during string formatting')
  }
  return out
}

function convert(
  value: unknown,
  conv: string,
  flags: string,
  width: number | undefined,
  prec: number | undefined,
): string {
  let body: string
  let numeric = false
  switch (conv) {
    case 's':
      body = str(value)
      if (prec !== undefined) body = body.slice(0, prec)
      break
    case 'r':
    case 'a':
      body = repr(value)
      if (prec !== undefined) body = body.slice(0, prec)
      break
    case 'c':
      body = typeof value === 'number' ? String.fromCodePoint(value) : str(value)
      break
    default: {
      if (!isNumeric(value)) {
        throw runtimeError(`%${conv} format: a real number is required, not ${typeName(value)}`)
      }
      numeric = true
      body = formatNumber(toNumber(value), conv, flags, prec)
    }
  }
  if (width === undefined || body.length >= width) return body
  if (flags.includes('-')) return body.padEnd(width)
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(body) ? body[0]! : ''
    return sign + body.slice(sign.length).padStart(width - sign.length, '0')
  }
  return body.padStart(width)
}

function formatNumber(n: number, conv: string, flags: string, prec: number | undefined): string {
  let body: string
  switch (conv) {
    case 'd':
    case 'i':
    case 'u':
      body = String(Math.trunc(Math.abs(n)))
      break
    case 'o':
      body = Math.trunc(Math.abs(n)).toString(8)
      if (flags.includes('#')) body = `0o${body}`
      break
    case 'x':
    case 'X':
      body = Math.trunc(Math.abs(n)).toString(16)
      if (flags.includes('#')) body = `0x${body}`
      if (conv === 'X') body = body.toUpperCase()
      break
    default:
      body = formatFloat(Math.abs(n), conv, prec ?? 6, flags.includes('#'))
  }
  const sign =
    n < 0 || Object.is(n, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : ''
  return sign + body
}

/** `e`, `f`, `g` (and upper-case) with Python's exponent and trailing-zero rules. */
export function formatFloat(n: number, conv: string, prec: number, alt = false): string {
  if (!Number.isFinite(n)) {
    const s = Number.isNaN(n) ? 'nan' : 'inf'
    return conv === conv.toUpperCase() ? s.toUpperCase() : s
  }
  const lower = conv.toLowerCase()
  let out: string
  if (lower === 'f') out = toFixed(n, prec)
  else if (lower === 'e') out = pyExp(n.toExponential(prec))
  else {
    const p = prec === 0 ? 1 : prec
    const exp = Number(n.toExponential(p - 1).split('e')[1])
    if (exp >= -4 && exp < p) {
      out = toFixed(n, p - 1 - exp)
      if (!alt && out.includes('.')) out = out.replace(/\.?0+$/, '')
    } else {
      out = pyExp(n.toExponential(p - 1))
      if (!alt) out = out.replace(/\.?0+e/, 'e')
    }
  }
  return conv === conv.toUpperCase() ? out.toUpperCase() : out
}

/**
 * `n.toFixed(prec)` rounding as Python does: on the exact binary value, ties to even (JavaScript
 * rounds the tie 2.25 → 2.3, Python to 2.2).
 */
export function toFixed(n: number, prec: number): string {
  const extra = Math.min(100, prec + 40)
  if (Math.abs(n) >= 1e21 || prec > 60) return n.toFixed(prec)
  const exact = Math.abs(n).toFixed(extra)
  const dot = exact.indexOf('.')
  const keep = exact.slice(0, dot + 1 + prec).replace(/\.$/, '')
  const rest = exact.slice(dot + 1 + prec)
  const half = rest[0] === '5' && /^50*$/.test(rest)
  const lastDigit = Number(keep[keep.length - 1])
  const up = rest[0]! > '5' || (rest[0] === '5' && !half) || (half && lastDigit % 2 === 1)
  let digits = keep
  if (up) digits = increment(keep)
  return (n < 0 || Object.is(n, -0) ? '-' : '') + digits
}

function increment(s: string): string {
  const chars = s.split('')
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '.') continue
    if (chars[i] === '9') chars[i] = '0'
    else {
      chars[i] = String(Number(chars[i]) + 1)
      return chars.join('')
    }
  }
  return `1${chars.join('')}`
}

function pyExp(s: string): string {
  const [m, e] = s.split('e') as [string, string]
  const sign = e.startsWith('-') ? '-' : '+'
  return `${m}e${sign}${e.replace(/^[-+]/, '').padStart(2, '0')}`
}

const SPEC = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/

/** `'{} {name} {0:>4}'.format(*args, **kwargs)`. */
export function strFormat(fmt: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0
  return fmt.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{'
    if (m === '}}') return '}'
    const inner = field ?? ''
    const colon = inner.indexOf(':')
    let ref = colon === -1 ? inner : inner.slice(0, colon)
    const spec = colon === -1 ? '' : inner.slice(colon + 1)
    let conversion = ''
    const bang = ref.indexOf('!')
    if (bang !== -1) {
      conversion = ref.slice(bang + 1)
      ref = ref.slice(0, bang)
    }
    const [head, ...path] = ref.split('.')
    let value: unknown
    if (head === undefined || head === '') value = args[auto++]
    else if (/^\d+$/.test(head)) value = args[Number(head)]
    else value = kwargs[head]
    if (value === undefined)
      throw runtimeError(`IndexError: Replacement index ${head ?? auto} out of range`)
    for (const p of path) value = (value as Record<string, unknown>)[p]
    if (conversion === 'r') value = repr(value)
    else if (conversion === 's') value = str(value)
    return formatSpec(value, spec)
  })
}

/** `format(value, spec)`. */
export function formatSpec(value: unknown, spec: string): string {
  if (spec === '') return str(value)
  const m = SPEC.exec(spec)
  if (m === null) throw runtimeError(`Invalid format specifier '${spec}'`)
  const [, fill = ' ', align, sign = '-', alt, zero, width, grouping, prec, type] = m
  let body: string
  const numeric = isNumeric(value)
  if (numeric && type !== 's') {
    const n = toNumber(value)
    const p = prec === undefined ? undefined : Number(prec)
    const t = type ?? (value instanceof PyFloat || !Number.isInteger(n) ? '' : 'd')
    let digits: string
    const abs = Math.abs(n)
    if (t === 'd' || t === 'n') digits = String(Math.trunc(abs))
    else if (t === 'x' || t === 'X') digits = Math.trunc(abs).toString(16)
    else if (t === 'o') digits = Math.trunc(abs).toString(8)
    else if (t === 'b') digits = Math.trunc(abs).toString(2)
    else if (t === '%') digits = `${formatFloat(abs * 100, 'f', p ?? 6)}%`
    else if (t === '') digits = p === undefined ? floatRepr(abs) : formatFloat(abs, 'g', p)
    else digits = formatFloat(abs, t, p ?? 6, alt !== undefined)
    if (t === 'X') digits = digits.toUpperCase()
    if (grouping !== undefined) {
      const [i, f] = digits.split('.') as [string, string | undefined]
      digits = i.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (f === undefined ? '' : `.${f}`)
    }
    const s = n < 0 ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : ''
    body = s + digits
    if (zero !== undefined && align === undefined && width !== undefined) {
      return s + digits.padStart(Number(width) - s.length, '0')
    }
  } else {
    body = value instanceof Undefined ? '' : str(value)
    if (prec !== undefined) body = body.slice(0, Number(prec))
  }
  const w = width === undefined ? 0 : Number(width)
  if (body.length >= w) return body
  const pad = w - body.length
  const a = align ?? (numeric ? '>' : '<')
  if (a === '<') return body + fill.repeat(pad)
  if (a === '>' || a === '=') return fill.repeat(pad) + body
  const left = Math.floor(pad / 2)
  return fill.repeat(left) + body + fill.repeat(pad - left)
}
