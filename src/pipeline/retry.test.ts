import { describe, expect, it } from 'vitest'
import { retryDelayMs, withRetries, type RetryPolicy } from './retry.js'

const policy: RetryPolicy = { attempts: 4, delayMs: 100, backoff: 2, jitter: 0 }

describe('withRetries', () => {
  it('retries a retryable outcome with growing delays until it succeeds', async () => {
    const slept: number[] = []
    const r = await withRetries(async (n) => (n < 3 ? 'missing' : 'ok'), {
      policy,
      retryable: (o) => o.value === 'missing',
      sleep: async (ms) => void slept.push(ms),
    })
    expect(r).toEqual({ value: 'ok', attempts: 3 })
    expect(slept).toEqual([100, 200])
  })

  it('returns the last outcome when the attempts run out', async () => {
    const r = await withRetries(async () => 'missing', {
      policy,
      retryable: () => true,
      sleep: async () => undefined,
    })
    expect(r.attempts).toBe(4)
  })

  it('rethrows an error that is not retryable at once', async () => {
    let calls = 0
    await expect(
      withRetries(
        async () => {
          calls++
          throw new Error('bad data')
        },
        { policy, retryable: () => false, sleep: async () => undefined },
      ),
    ).rejects.toThrow('bad data')
    expect(calls).toBe(1)
  })

  it('spreads delays by the jitter', () => {
    const p = { ...policy, jitter: 0.5 }
    expect(retryDelayMs(p, 2, () => 0)).toBe(50)
    expect(retryDelayMs(p, 2, () => 1)).toBe(150)
    expect(retryDelayMs(p, 3, () => 0.5)).toBe(200)
  })
})
