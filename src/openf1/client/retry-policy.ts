/**
 * @module openf1/client/retry-policy
 * When to retry a request and how long to wait: exponential backoff with full jitter, capped,
 * and the server's `Retry-After` when it sends one.
 */

/** Options of the retry policy. */
export interface RetryPolicy {
  /** Attempts in total, the first included (default 3). */
  readonly attempts: number
  /** Base delay before the second attempt, in ms (default 1000). */
  readonly baseDelayMs: number
  /** Upper bound of one delay, in ms (default 30 000). */
  readonly maxDelayMs: number
}

/** The defaults: 3 attempts, 1 s base, 30 s cap. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
}

/** True for statuses worth retrying: 408, 425, 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599)
}

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into milliseconds; `undefined`
 * when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, nowEpochMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowEpochMs)
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): full jitter over
 * `base * 2^(attempt-1)`, capped; at least `retryAfterMs` when the server asked for it.
 * `random` returns a number in [0, 1).
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1))
  // Half fixed, half jitter: never zero (so retries back off) yet spread out.
  const jittered = ceiling / 2 + random() * (ceiling / 2)
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered)
}

/**
 * Network error codes that mean nothing answers at the address (connection refused, unknown host,
 * no route): retrying may still help a server that is starting, but when attempts run out the
 * report says the URL is wrong rather than that the API is busy.
 */
const UNREACHABLE_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EAI_NONAME: 'host not found',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
}

/**
 * When a network error code means that nothing answers at the address, says so in words
 * (`connection refused`, `host not found`); undefined for other failures.
 */
export function unreachableReason(code: string | undefined): string | undefined {
  return code === undefined ? undefined : UNREACHABLE_CODES[code]
}
