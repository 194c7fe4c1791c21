/**
 * @module transform/template/jinja/json
 * Python's `json.dumps` on template values: `', '`/`': '` separators, `ensure_ascii`, optional
 * sorted keys and indent, floats written as Python writes them (`1.0`).
 */
import { runtimeError } from './errors.js'
import {
  floatRepr,
  isMapping,
  mappingEntries,
  PyFloat,
  str,
  typeName,
  Undefined,
} from './values.js'

/** Options of {@link jsonDumps}. */
export interface DumpOptions {
  readonly sortKeys?: boolean
  readonly indent?: number | null
}

/** `json.dumps(value, sort_keys=…, indent=…)`. */
export function jsonDumps(value: unknown, options: DumpOptions = {}): string {
  return dump(value, options, 0)
}

function quote(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\b') out += '\\b'
    else if (ch === '\f') out += '\\f'
    else if (c < 0x20 || c > 0x7e) {
      if (c > 0xffff) {
        const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800
        const lo = ((c - 0x10000) % 0x400) + 0xdc00
        out += `\\u${hi.toString(16)}\\u${lo.toString(16)}`
      } else out += `\\u${c.toString(16).padStart(4, '0')}`
    } else out += ch
  }
  return `${out}"`
}

function dump(v: unknown, o: DumpOptions, depth: number): string {
  if (v === null || v instanceof Undefined || v === undefined) return 'null'
  if (typeof v === 'string') return quote(v)
  if (typeof v === 'boolean') return v ? 'true' : 'false'
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN'
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity'
    return Number.isInteger(v) ? str(v) : floatRepr(v)
  }
  if (v instanceof PyFloat) return floatRepr(v.value)
  const indent = o.indent ?? null
  const open = (items: string[], l: string, r: string): string => {
    if (items.length === 0) return l + r
    if (indent === null) return `${l}${items.join(', ')}${r}`
    const pad = ' '.repeat(indent * (depth + 1))
    return `${l}\n${pad}${items.join(`,\n${pad}`)}\n${' '.repeat(indent * depth)}${r}`
  }
  if (Array.isArray(v) || v instanceof Set) {
    return open(
      [...v].map((x) => dump(x, o, depth + 1)),
      '[',
      ']',
    )
  }
  if (isMapping(v)) {
    let entries = mappingEntries(v).map(([k, x]) => [jsonKey(k), x] as const)
    if (o.sortKeys === true) entries = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return open(
      entries.map(([k, x]) => `${quote(k)}: ${dump(x, o, depth + 1)}`),
      '{',
      '}',
    )
  }
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return dump((v as { toJSON(): unknown }).toJSON(), o, depth)
  }
  throw runtimeError(`Object of type ${typeName(v)} is not JSON serializable`)
}

function jsonKey(k: unknown): string {
  if (typeof k === 'string') return k
  if (k === null) return 'null'
  if (typeof k === 'boolean') return k ? 'true' : 'false'
  if (typeof k === 'number' || k instanceof PyFloat) return str(k)
  throw runtimeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`)
}
