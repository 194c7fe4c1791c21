/**
 * Extracting session 9550 (every endpoint) from `pitwall replay` over the recordings yields
 * landing files whose records equal the recording, endpoint by endpoint — also with 20 % of the
 * requests faulted, and without a single 429 caused by the client.
 */
import { expect, it } from 'vitest'
import { OpenF1Client, runExtraction, startReplayServer } from '../../src/openf1/index.js'
import { describeShared } from '../helpers/shared-data.js'
import { withTmpDir } from '../helpers/tmp.js'
import { expectEqualToRecording, V1 } from './openf1-recording.js'

const SESSION = 9550

describeShared('openf1/v1', 'extracting session 9550 from the replay server', () => {
  it('lands records equal to the recording, endpoint by endpoint', async () => {
    const server = await startReplayServer({ dataDir: V1 })
    try {
      await withTmpDir(async (dir) => {
        const client = new OpenF1Client({
          baseUrl: server.url,
          rate: [{ limit: 500, windowMs: 1000 }],
        })
        const result = await runExtraction({
          client,
          landingDir: dir,
          criteria: { sessions: [String(SESSION)] },
        })
        expect(result.totals).toMatchObject({ sessions: 1, failed: 0 })
        expect(result.totals.records).toBeGreaterThan(1_000_000)
        expectEqualToRecording(dir, result)
      })
    } finally {
      await server.close()
    }
  })

  it('lands the same records with 20 % of requests faulted and causes no 429', async () => {
    const rate = [{ limit: 40, windowMs: 1000 }]
    const server = await startReplayServer({
      dataDir: V1,
      faultRate: 0.2,
      seed: 2024,
      slowMs: 300,
      rate,
    })
    try {
      await withTmpDir(async (dir) => {
        // 5 attempts: a unit is lost only if 5 faults in a row hit it (0.2^5 ≈ 0.03 %).
        const client = new OpenF1Client({
          baseUrl: server.url,
          rate,
          retry: { attempts: 5, baseDelayMs: 50 },
          timeoutMs: 10_000,
        })
        const result = await runExtraction({
          client,
          landingDir: dir,
          criteria: { sessions: [String(SESSION)] },
        })
        const faults = Object.values(server.stats.faults).reduce((a, b) => a + b, 0)
        expect(faults).toBeGreaterThan(5)
        expect(result.totals.retries).toBeGreaterThan(0)
        expect(server.stats.rateLimited).toBe(0)
        expect(client.stats.rateLimited).toBe(0)
        expectEqualToRecording(dir, result)
      })
    } finally {
      await server.close()
    }
  })
})
