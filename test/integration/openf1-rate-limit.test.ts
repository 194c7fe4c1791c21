/**
 * Against a server that counts requests (the replay server, which also enforces the same windows
 * with 429s), the client never exceeds any of its windows, even with many requests in flight,
 * and gets close to the fastest schedule the windows allow.
 */
import { expect, it } from 'vitest'
import {
  idealSchedule,
  maxInAnyWindow,
  OpenF1Client,
  startReplayServer,
  where,
} from '../../src/openf1/index.js'
import { describeShared, sharedPath } from '../helpers/shared-data.js'

describeShared('openf1/v1', 'the rate limiter against a counting server', () => {
  it('never exceeds any window and reaches most of the allowed rate', async () => {
    const windows = [
      { limit: 3, windowMs: 200 },
      { limit: 8, windowMs: 1000 },
    ]
    const n = 24
    const server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1'), rate: windows })
    try {
      const client = new OpenF1Client({ baseUrl: server.url, rate: windows, concurrency: 8 })
      await Promise.all(
        Array.from({ length: n }, () => client.get('weather', [where.eq('session_key', 9550)])),
      )
      const arrivals = [...server.stats.arrivals].sort((a, b) => a - b)
      expect(arrivals).toHaveLength(n)
      for (const w of windows)
        expect(maxInAnyWindow(arrivals, w.windowMs)).toBeLessThanOrEqual(w.limit)
      expect(server.stats.rateLimited).toBe(0)
      const ideal = await idealSchedule(windows, n)
      const achieved = (arrivals[n - 1] ?? 0) - (arrivals[0] ?? 0)
      // Ideal: bursts of 3, 3, 2 at 0/200/400 ms each second → the 24th request at 2.4 s.
      expect(ideal[n - 1]).toBe(2400)
      expect(achieved).toBeGreaterThanOrEqual(ideal[n - 1] ?? 0)
      // Loose bound: requests also count while in flight, and this machine is shared (the
      // benchmark bench/openf1-rate-limiter.bench.ts measures the ratio precisely).
      expect(achieved).toBeLessThan((ideal[n - 1] ?? 0) * 1.5)
    } finally {
      await server.close()
    }
  })

  it('shows the server answering 429 with the real body when a client ignores the windows', async () => {
    const windows = [{ limit: 3, windowMs: 1000 }]
    const server = await startReplayServer({ dataDir: sharedPath('openf1', 'v1'), rate: windows })
    try {
      const url = `${server.url}/weather?session_key=9550`
      const statuses = await Promise.all(
        Array.from({ length: 5 }, () =>
          fetch(url).then(async (r) => ({ s: r.status, b: await r.text() })),
        ),
      )
      expect(statuses.filter((x) => x.s === 200)).toHaveLength(3)
      const limited = statuses.filter((x) => x.s === 429)
      expect(limited).toHaveLength(2)
      expect(JSON.parse(limited[0]?.b ?? '{}')).toEqual({
        detail: 'Rate limit exceeded. Max 3 requests/second.',
        error: 'Too Many Requests',
      })
    } finally {
      await server.close()
    }
  })
})
