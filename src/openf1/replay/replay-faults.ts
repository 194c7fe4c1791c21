/**
 * @module openf1/replay/replay-faults
 * Seeded fault injection for the replay server. Whether the n-th request for a URL fails, and
 * how, depends only on (seed, URL, n), so a run is reproducible whatever the request order.
 */
import { hashUnit } from '../prng.js'

/** What happens to one request. */
export type FaultKind = 'none' | 'status-5xx' | 'reset' | 'truncated' | 'slow'

/** The faults drawn from, with equal weight. */
export const FAULT_KINDS: readonly Exclude<FaultKind, 'none'>[] = [
  'status-5xx',
  'reset',
  'truncated',
  'slow',
]

/** 5xx answers as the API gives them (API.md §2). */
export const FAULT_STATUSES: readonly { status: number; body: string; type: string }[] = [
  {
    status: 500,
    body: '<h1>An error occurred</h1><pre>Traceback (injected)</pre>',
    type: 'text/html',
  },
  { status: 502, body: '502 Bad Gateway', type: 'text/plain' },
  { status: 503, body: 'Service Unavailable', type: 'text/plain' },
  { status: 504, body: 'upstream request timeout', type: 'text/plain' },
]

/** Picks the fault of the `nth` request (0-based) for `url`. */
export function pickFault(
  seed: number,
  rate: number,
  url: string,
  nth: number,
): { kind: FaultKind; variant: number } {
  if (rate <= 0 || hashUnit(seed, url, nth, 'fault') >= rate) return { kind: 'none', variant: 0 }
  const u = hashUnit(seed, url, nth, 'kind')
  const kind = FAULT_KINDS[Math.floor(u * FAULT_KINDS.length)] ?? 'status-5xx'
  return { kind, variant: Math.floor(hashUnit(seed, url, nth, 'variant') * 1000) }
}
