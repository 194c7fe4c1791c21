/**
 * @module openf1/client/query
 * The query string of an OpenF1 request. Operators stay literal (`date>=2024-06-30`): building
 * them with URLSearchParams would produce `date%3E%3D=…`, which the API reads as a filter on a
 * field named `date>=` and answers 404 (API.md §3). Repeated fields are OR-ed by the API.
 */

/** The comparison operators the API understands. */
export type FilterOperator = '=' | '>' | '>=' | '<' | '<='

/** A filter value; `latest` is a value too (`session_key=latest`). */
export type FilterValue = string | number | boolean

/** One `field op value` term. */
export interface Filter {
  readonly field: string
  readonly op: FilterOperator
  readonly value: FilterValue
}

/** Shorthand for building filters. */
export const where = {
  eq: (field: string, value: FilterValue): Filter => ({ field, op: '=', value }),
  gt: (field: string, value: FilterValue): Filter => ({ field, op: '>', value }),
  gte: (field: string, value: FilterValue): Filter => ({ field, op: '>=', value }),
  lt: (field: string, value: FilterValue): Filter => ({ field, op: '<', value }),
  lte: (field: string, value: FilterValue): Filter => ({ field, op: '<=', value }),
  /** Several values of one field, OR-ed by the API (`driver_number=1&driver_number=4`). */
  anyOf: (field: string, values: readonly FilterValue[]): Filter[] =>
    values.map((value) => ({ field, op: '=', value })),
  /** `meeting_key=latest` / `session_key=latest`. */
  latest: (field: 'meeting_key' | 'session_key'): Filter => ({ field, op: '=', value: 'latest' }),
}

/**
 * Builds `a=1&date>=2024-06-30T13%3A00%3A00` (no leading `?`): each term is
 * `encodeURIComponent(field) + op + encodeURIComponent(value)`, so `+` in an offset travels as
 * `%2B` and the operator stays literal.
 */
export function buildQuery(filters: readonly Filter[], options: { csv?: boolean } = {}): string {
  const terms = filters.map(
    (f) => `${encodeURIComponent(f.field)}${f.op}${encodeURIComponent(String(f.value))}`,
  )
  if (options.csv === true) terms.push('csv=true')
  return terms.join('&')
}

/** `<base>/<endpoint>?<query>` with exactly one slash between base and endpoint. */
export function buildUrl(baseUrl: string, endpoint: string, filters: readonly Filter[]): string {
  const query = buildQuery(filters)
  const base = baseUrl.replace(/\/+$/, '')
  return query === '' ? `${base}/${endpoint}` : `${base}/${endpoint}?${query}`
}
