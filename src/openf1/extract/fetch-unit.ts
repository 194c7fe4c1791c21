/**
 * @module openf1/extract/fetch-unit
 * Fetches one unit. `location`/`car_data` are asked per driver; when the API still answers 422
 * (too much at once) the session is cut into 2, 4, 8, 16 date windows (the first and last open
 * ended, so nothing before or after the session is lost) and the pieces are joined in order.
 */
import type { FetchOutcome, OpenF1Client } from '../client/openf1-client.js'
import { where, type Filter } from '../client/query.js'
import { QueryTooLargeError } from '../openf1-errors.js'

/** What a unit's requests produced. */
export interface UnitFetch {
  /** The body to land (as received when one request sufficed). */
  readonly body: string
  readonly records: readonly unknown[]
  /** Every URL requested for the final answer. */
  readonly requests: readonly string[]
  /** Attempts summed over the requests. */
  readonly attempts: number
  /** 200, or 404 when empty. */
  readonly status: number
}

/** The time span a split uses. */
export interface SplitSpan {
  /** ISO start of the session. */
  readonly start: string
  /** ISO end of the session. */
  readonly end: string
}

const MAX_SPLIT_LEVEL = 4

/** ISO boundaries of `2^level` windows over the session ± 1 h. */
export function splitBoundaries(span: SplitSpan, level: number): string[] {
  const from = Date.parse(span.start) - 3_600_000
  const to = Date.parse(span.end) + 3_600_000
  const pieces = 2 ** level
  const out: string[] = []
  for (let i = 1; i < pieces; i++) {
    out.push(new Date(from + ((to - from) * i) / pieces).toISOString())
  }
  return out
}

/** Fetches `endpoint` with `base` filters, splitting by date windows on 422 when `span` is given. */
export async function fetchUnit(
  client: OpenF1Client,
  endpoint: string,
  base: readonly Filter[],
  span?: SplitSpan,
): Promise<UnitFetch> {
  try {
    const one = await client.get(endpoint, base)
    return { ...one, requests: [one.url] }
  } catch (error) {
    if (!(error instanceof QueryTooLargeError) || span === undefined) throw error
    if (Number.isNaN(Date.parse(span.start)) || Number.isNaN(Date.parse(span.end))) throw error
  }
  for (let level = 1; ; level++) {
    const bounds = splitBoundaries(span, level)
    try {
      const parts: FetchOutcome[] = []
      for (let i = 0; i <= bounds.length; i++) {
        const filters = [...base]
        const lo = bounds[i - 1]
        const hi = bounds[i]
        if (lo !== undefined) filters.push(where.gte('date', lo))
        if (hi !== undefined) filters.push(where.lt('date', hi))
        parts.push(await client.get(endpoint, filters))
      }
      const records = parts.flatMap((p) => p.records)
      return {
        body: JSON.stringify(records),
        records,
        requests: parts.map((p) => p.url),
        attempts: parts.reduce((n, p) => n + p.attempts, 0),
        status: records.length === 0 ? 404 : 200,
      }
    } catch (error) {
      if (!(error instanceof QueryTooLargeError) || level >= MAX_SPLIT_LEVEL) throw error
    }
  }
}
