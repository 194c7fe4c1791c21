/**
 * @module openf1/replay/replay-query
 * The API's query semantics (API.md §3), for the replay server: operators split on the first one
 * found (`>=`, `<=`, `=`, `>`, `<`), values cast (bool, number, date, string), date-only bounds
 * widened to whole days, repeated fields OR-ed, lower/upper bounds paired into ranges.
 */

/** A cast filter value. */
export type QueryValue = boolean | number | string | { readonly date: number }

/** One parsed term. */
export interface QueryTerm {
  readonly field: string
  readonly op: '=' | '>' | '>=' | '<' | '<='
  readonly value: QueryValue
}

/** A parsed query: terms plus the non-filter switches. */
export interface ParsedQuery {
  readonly terms: readonly QueryTerm[]
  readonly csv: boolean
}

const OPERATORS = ['>=', '<=', '=', '>', '<'] as const
const NEVER_CAST = new Set(['team_colour', 'gmt_offset'])
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const DAY_MS = 86_400_000

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '))
  } catch {
    return text
  }
}

/** Parses a date leniently; naive dates are UTC. `undefined` when not a date. */
export function parseDate(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined
  // A `+` sent unencoded arrives as a space; the API patches ` HH:MM` back to `+HH:MM`.
  let iso = text.trim().replace(/(\d) (\d{2}:\d{2})$/, '$1+$2')
  if (iso[10] === ' ') iso = `${iso.slice(0, 10)}T${iso.slice(11)}`
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(iso) && iso.length > 10) iso += 'Z'
  const ms = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso)
  return Number.isNaN(ms) ? undefined : ms
}

function cast(field: string, raw: string): QueryValue {
  if (NEVER_CAST.has(field)) return raw
  if (raw === 'true') return true
  if (raw === 'false') return false
  if (/^[-+]?\d+(\.\d+)?$/.test(raw)) return Number(raw)
  const d = parseDate(raw)
  return d === undefined ? raw : { date: d }
}

/** Parses a raw query string (without `?`). */
export function parseQuery(raw: string): ParsedQuery {
  const terms: QueryTerm[] = []
  let csv = false
  for (const part of raw.split('&')) {
    if (part === '') continue
    const text = decode(part)
    let found: { op: QueryTerm['op']; at: number } | undefined
    for (const op of OPERATORS) {
      const at = text.indexOf(op)
      if (at > 0) {
        found = { op, at }
        break
      }
    }
    if (found === undefined) continue
    const field = text.slice(0, found.at)
    const rawValue = text.slice(found.at + found.op.length)
    if (field === 'csv') {
      csv = rawValue === 'true'
      continue
    }
    terms.push(...widenDateOnly(field, found.op, rawValue))
  }
  return { terms, csv }
}

/** Date-only bounds cover whole days (`date>2023-01-01` → `date>=2023-01-02`). */
function widenDateOnly(field: string, op: QueryTerm['op'], raw: string): QueryTerm[] {
  if (!DATE_ONLY.test(raw) || NEVER_CAST.has(field)) return [{ field, op, value: cast(field, raw) }]
  const day = Date.parse(`${raw}T00:00:00Z`)
  if (Number.isNaN(day)) return [{ field, op, value: raw }]
  const next = { date: day + DAY_MS }
  switch (op) {
    case '>':
      return [{ field, op: '>=', value: next }]
    case '<=':
      return [{ field, op: '<', value: next }]
    case '=':
      return [
        { field, op: '>=', value: { date: day } },
        { field, op: '<', value: next },
      ]
    default:
      return [{ field, op, value: { date: day } }]
  }
}

type Alternative =
  { kind: 'eq'; value: QueryValue } | { kind: 'range'; lower?: QueryTerm; upper?: QueryTerm }

/** A predicate over records built from the terms. */
export type RecordPredicate = (record: Readonly<Record<string, unknown>>) => boolean

/** Builds the predicate: fields AND-ed, alternatives of one field OR-ed. */
export function compileQuery(terms: readonly QueryTerm[]): RecordPredicate {
  const byField = new Map<string, Alternative[]>()
  for (const term of terms) {
    const alts = byField.get(term.field) ?? []
    byField.set(term.field, alts)
    if (term.op === '=') {
      alts.push({ kind: 'eq', value: term.value })
      continue
    }
    const isLower = term.op === '>' || term.op === '>='
    const last = alts[alts.length - 1]
    if (last?.kind === 'range' && (isLower ? last.lower === undefined : last.upper === undefined)) {
      if (isLower) last.lower = term
      else last.upper = term
    } else {
      alts.push(isLower ? { kind: 'range', lower: term } : { kind: 'range', upper: term })
    }
  }
  const checks = [...byField.entries()]
  return (record) =>
    checks.every(([field, alts]) => {
      const v = record[field]
      return alts.some((alt) =>
        alt.kind === 'eq'
          ? compare(v, alt.value) === 0
          : (alt.lower === undefined || test(v, alt.lower)) &&
            (alt.upper === undefined || test(v, alt.upper)),
      )
    })
}

function test(v: unknown, term: QueryTerm): boolean {
  const c = compare(v, term.value)
  if (c === undefined) return false
  switch (term.op) {
    case '>':
      return c > 0
    case '>=':
      return c >= 0
    case '<':
      return c < 0
    case '<=':
      return c <= 0
    default:
      return c === 0
  }
}

/** Compares a record value with a filter value; `undefined` when incomparable. */
function compare(v: unknown, f: QueryValue): number | undefined {
  if (typeof f === 'object') {
    const d = typeof v === 'string' ? parseDate(v) : undefined
    return d === undefined ? undefined : Math.sign(d - f.date)
  }
  if (typeof f === 'number') return typeof v === 'number' ? Math.sign(v - f) : undefined
  if (typeof f === 'boolean') return v === f ? 0 : undefined
  if (typeof v !== 'string') return undefined
  return v < f ? -1 : v > f ? 1 : 0
}
