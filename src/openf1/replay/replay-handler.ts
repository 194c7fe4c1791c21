/**
 * @module openf1/replay/replay-handler
 * Answers one `/v1/<endpoint>?…` query from a {@link ReplayData} with the API's semantics:
 * records, 404 `{"detail":"No results found."}`, 422 for too much data, CSV on `csv=true`.
 * Pure with respect to HTTP: returns status, content type and body.
 */
import { toCsv } from './replay-csv.js'
import type { ReplayData, ReplayFile } from './replay-data.js'
import { compileQuery, parseDate, parseQuery, type QueryTerm } from './replay-query.js'

/** A response to send. */
export interface ReplayAnswer {
  readonly status: number
  readonly type: string
  readonly body: string
  /** Records in the body (0 for errors). */
  readonly records: number
}

/** The API's bodies (API.md §2). */
export const NOT_FOUND_BODY = '{"detail":"No results found."}'
/** 422: the query asks for too much at once. */
export const TOO_MUCH_BODY =
  '{"detail":"Failed to retrieve information. You\'re likely asking for too much data at once."}'

const PER_DRIVER = new Set(['location', 'car_data'])
const JSON_TYPE = 'application/json'

/** Options of {@link answerQuery}. */
export interface AnswerOptions {
  /** Answer 422 when a result would hold more records than this. */
  readonly maxRows?: number
}

function notFound(): ReplayAnswer {
  return { status: 404, type: JSON_TYPE, body: NOT_FOUND_BODY, records: 0 }
}

function eqNumbers(terms: readonly QueryTerm[], field: string): number[] | undefined {
  const mine = terms.filter((t) => t.field === field)
  if (mine.length === 0 || mine.some((t) => t.op !== '=' || typeof t.value !== 'number')) {
    return undefined
  }
  return mine.map((t) => t.value as number)
}

/** Resolves `session_key=latest` / `meeting_key=latest` to the newest started session's keys. */
async function resolveLatest(data: ReplayData, terms: QueryTerm[]): Promise<QueryTerm[]> {
  if (!terms.some((t) => t.value === 'latest')) return terms
  const sessionsFile = data.files.get('sessions')?.[0]
  const sessions = sessionsFile === undefined ? [] : await data.records(sessionsFile)
  let latest: Record<string, unknown> | undefined
  let latestAt = -Infinity
  for (const s of sessions) {
    const at = typeof s['date_start'] === 'string' ? (parseDate(s['date_start']) ?? -1) : -1
    if (at <= Date.now() && at > latestAt && s['is_cancelled'] !== true) {
      latest = s
      latestAt = at
    }
  }
  return terms.map((t) =>
    t.value === 'latest' && (t.field === 'session_key' || t.field === 'meeting_key')
      ? { ...t, value: typeof latest?.[t.field] === 'number' ? (latest[t.field] as number) : -1 }
      : t,
  )
}

/** Answers `endpoint` with the raw query string `rawQuery` (without `?`). */
export async function answerQuery(
  data: ReplayData,
  endpoint: string,
  rawQuery: string,
  options: AnswerOptions = {},
): Promise<ReplayAnswer> {
  const parsed = parseQuery(rawQuery)
  const terms = await resolveLatest(data, [...parsed.terms])
  const files = data.files.get(endpoint)
  if (PER_DRIVER.has(endpoint) && !terms.some((t) => t.field === 'driver_number')) {
    return { status: 422, type: JSON_TYPE, body: TOO_MUCH_BODY, records: 0 }
  }
  if (files === undefined || files.length === 0) return notFound()
  const sessions = eqNumbers(terms, 'session_key')
  const drivers = eqNumbers(terms, 'driver_number')

  // Fast path: exactly the file's own query → its bytes, as recorded.
  const exact = exactFile(files, terms, sessions, drivers)
  if (exact !== undefined && !parsed.csv) {
    const body = await data.text(exact)
    const records = data.count(exact, body)
    if (records === 0) return notFound()
    if (options.maxRows !== undefined && records > options.maxRows) {
      return { status: 422, type: JSON_TYPE, body: TOO_MUCH_BODY, records: 0 }
    }
    return { status: 200, type: JSON_TYPE, body, records }
  }

  const candidates = files.filter(
    (f) =>
      (sessions === undefined || f.sessionKey === undefined || sessions.includes(f.sessionKey)) &&
      (drivers === undefined || f.driverNumber === undefined || drivers.includes(f.driverNumber)),
  )
  const predicate = compileQuery(terms)
  const out: Record<string, unknown>[] = []
  for (const file of candidates) {
    for (const r of await data.records(file)) if (predicate(r)) out.push(r)
    if (options.maxRows !== undefined && out.length > options.maxRows) {
      return { status: 422, type: JSON_TYPE, body: TOO_MUCH_BODY, records: 0 }
    }
  }
  if (out.length === 0) return notFound()
  if (parsed.csv) return { status: 200, type: 'text/csv', body: toCsv(out), records: out.length }
  return { status: 200, type: JSON_TYPE, body: JSON.stringify(out), records: out.length }
}

function exactFile(
  files: readonly ReplayFile[],
  terms: readonly QueryTerm[],
  sessions: readonly number[] | undefined,
  drivers: readonly number[] | undefined,
): ReplayFile | undefined {
  if (sessions?.length !== 1) return undefined
  const perDriver = files.some((f) => f.driverNumber !== undefined)
  const wanted = perDriver ? 2 : 1
  if (terms.length !== wanted || (perDriver && drivers?.length !== 1)) return undefined
  return files.find(
    (f) => f.sessionKey === sessions[0] && (!perDriver || f.driverNumber === (drivers ?? [])[0]),
  )
}
