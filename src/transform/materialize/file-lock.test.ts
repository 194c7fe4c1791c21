import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SnapshotLockedError } from '../transform-errors.js'
import { acquireFileLock } from './file-lock.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-lock-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('acquireFileLock', () => {
  it('is exclusive while held and free again after release', async () => {
    const file = join(dir, 'a.lock')
    const release = await acquireFileLock(file, `${hostname()}:${process.pid}`)
    await expect(acquireFileLock(file, 'other:1')).rejects.toBeInstanceOf(SnapshotLockedError)
    await release()
    const again = await acquireFileLock(file, 'other:1')
    await again()
  })

  it('takes over a lock whose process on this host is gone', async () => {
    const file = join(dir, 'b.lock')
    // PIDs are below 2^22 on Linux: this one cannot be running.
    writeFileSync(file, JSON.stringify({ owner: `${hostname()}:4194303`, since: 'then' }))
    const release = await acquireFileLock(file, `${hostname()}:${process.pid}`)
    await release()
    // a live holder (this process) is respected
    writeFileSync(file, JSON.stringify({ owner: `${hostname()}:${process.pid}`, since: 'now' }))
    await expect(acquireFileLock(file, 'x:1')).rejects.toBeInstanceOf(SnapshotLockedError)
  })
})
