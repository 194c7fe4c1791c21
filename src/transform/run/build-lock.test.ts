import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BuildLockedError } from '../transform-errors.js'
import { acquireBuildLock } from './build-lock.js'

const home = mkdtempSync(join(tmpdir(), 'pitwall-build-lock-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

describe('acquireBuildLock', () => {
  it('refuses a second build at once, or waits for the first when asked', async () => {
    const first = await acquireBuildLock(home, { purpose: 'pitwall build --target dev' })
    await expect(acquireBuildLock(home, { purpose: 'second' })).rejects.toBeInstanceOf(
      BuildLockedError,
    )
    const waits: string[] = []
    const second = acquireBuildLock(home, {
      purpose: 'queued',
      waitMs: 60_000,
      pollMs: 10,
      onWait: (holder) => waits.push(holder),
    })
    // Release only once the waiter has found the lock held (no clock involved).
    while (waits.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    await first()
    const release = await second
    expect(waits).toEqual([expect.stringContaining('pitwall build --target dev')])
    await release()
  })

  it('gives up after waitMs, naming the holder', async () => {
    const first = await acquireBuildLock(home, { purpose: 'long build' })
    await expect(
      acquireBuildLock(home, { purpose: 'impatient', waitMs: 20, pollMs: 5 }),
    ).rejects.toThrow(/another pitwall build is running .*long build/)
    await first()
  })
})
