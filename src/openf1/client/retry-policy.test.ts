import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
} from './retry-policy.js'

describe('retry policy', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true)
    expect([400, 401, 404, 422].some(isRetryableStatus)).toBe(false)
  })

  it('grows exponentially with jitter inside [ceiling/2, ceiling] and caps', () => {
    const p = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 }
    expect(backoffDelay(p, 1, () => 0)).toBe(50)
    expect(backoffDelay(p, 1, () => 0.999)).toBeCloseTo(99.95)
    expect(backoffDelay(p, 3, () => 0.5)).toBe(300)
    expect(backoffDelay(p, 10, () => 1)).toBe(1000)
  })

  it('honours Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2000)
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1000)).toBe(4000)
    expect(parseRetryAfter(null, 0)).toBeUndefined()
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 1, () => 0, 7000)).toBe(7000)
  })
})
