/**
 * An extraction killed half way (SIGKILL, mid-flight) and re-run finishes with the same files as
 * an uninterrupted run: one file per unit, identical content, no temp files, nothing duplicated.
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import {
  ExtractionManifest,
  OpenF1Client,
  runExtraction,
  startReplayServer,
} from '../../src/openf1/index.js'
import { REPO_ROOT, pitwallEnv } from '../helpers/cli.js'
import { describeShared } from '../helpers/shared-data.js'
import { withTmpDir } from '../helpers/tmp.js'
import { expectEqualToRecording, recorded, V1 } from './openf1-recording.js'

const countFiles = (landing: string): number =>
  existsSync(landing)
    ? readdirSync(landing, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .reduce(
          (n, e) => n + readdirSync(join(landing, e.name)).filter((f) => !f.startsWith('.')).length,
          0,
        )
    : 0

describeShared('openf1/v1', 'an interrupted extraction', () => {
  it('resumes to the same files with no duplicates', async () => {
    const server = await startReplayServer({ dataDir: V1 })
    try {
      await withTmpDir(async (tmp) => {
        const fast = (): OpenF1Client =>
          new OpenF1Client({ baseUrl: server.url, rate: [{ limit: 500, windowMs: 1000 }] })
        const total = recorded().size

        // A real `pitwall extract`, slowed to 25 requests/s, killed once about half the files exist.
        const home = join(tmp, 'home')
        const landing = join(home, 'landing')
        const child = spawn(
          process.execPath,
          [
            join(REPO_ROOT, 'bin', 'pitwall.js'),
            '--home',
            home,
            '--log-level',
            'error',
            'extract',
            '--base-url',
            server.url,
            '--session',
            '9550',
            '--rate',
            '12/s',
          ],
          { stdio: 'ignore', env: pitwallEnv() },
        )
        const exited = new Promise<void>((r) => child.once('exit', () => r()))
        let killedAt = -1
        const deadline = Date.now() + 60_000
        while (Date.now() < deadline) {
          const n = countFiles(landing)
          if (n >= total / 2) {
            child.kill('SIGKILL')
            killedAt = n
            break
          }
          await new Promise((r) => setTimeout(r, 25))
        }
        await exited
        expect(killedAt).toBeGreaterThan(0)
        const partial = countFiles(landing)
        expect(partial).toBeLessThan(total)

        const again = await runExtraction({
          client: fast(),
          landingDir: landing,
          criteria: { sessions: ['9550'] },
        })
        expect(again.missing).toEqual([])
        expect(again.totals.skipped).toBeGreaterThan(0)
        expect(again.totals.written).toBeLessThan(total)
        expectEqualToRecording(landing, again)
        const entries = ExtractionManifest.load(landing).all()
        expect(entries.every((e) => e.status === 'complete' || e.status === 'empty')).toBe(true)
        expect(entries.length).toBe(again.totals.units)

        // And once more: nothing left to do.
        const third = await runExtraction({
          client: fast(),
          landingDir: landing,
          criteria: { sessions: ['9550'] },
        })
        expect(third.totals).toMatchObject({ written: 0, failed: 0, skipped: again.totals.units })
      })
    } finally {
      await server.close()
    }
  })
})
