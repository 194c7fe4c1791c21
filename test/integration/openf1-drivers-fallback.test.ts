/**
 * Session 9189 has no recorded `/drivers` (as happens on the API for a while after a session):
 * the per-driver endpoints still get every driver, found in the session's laps and stints.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { OpenF1Client, runExtraction, startReplayServer } from '../../src/openf1/index.js'
import { describeShared } from '../helpers/shared-data.js'
import { withTmpDir } from '../helpers/tmp.js'
import { V1 } from './openf1-recording.js'

describeShared('openf1/v1', 'drivers of a session without /drivers', () => {
  it('come from laps and stints, and every driver’s location is landed', async () => {
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
          criteria: { sessions: ['9189'] },
          endpoints: ['drivers', 'location'],
        })
        const session = result.sessions[0]
        expect(session?.notes).toEqual([
          '/drivers is empty; driver numbers taken from laps, stints',
        ])
        expect(session?.units.find((u) => u.endpoint === 'drivers')?.status).toBe('empty')
        const recorded = readdirSync(join(V1, 'location', 'session_key=9189'))
          .map((f) => Number(/driver_number=(\d+)/.exec(f)?.[1]))
          .sort((a, b) => a - b)
        const landed = session?.units
          .filter((u) => u.endpoint === 'location' && u.status === 'complete')
          .map((u) => u.driverNumber ?? -1)
          .sort((a, b) => a - b)
        expect(landed).toEqual(recorded)
        expect(readdirSync(join(dir, 'location'))).toHaveLength(recorded.length)
      })
    } finally {
      await server.close()
    }
  })
})
