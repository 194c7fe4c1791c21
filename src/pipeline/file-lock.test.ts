import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireLock, readLockOwner } from './file-lock.js'
import { LockHeldError } from './pipeline-errors.js'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pitwall-lock-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

const opts = (runId: string, extra = {}) => ({
  dir,
  name: 'partition-9550',
  label: 'partition 9550',
  runId,
  ...extra,
})

describe('acquireLock', () => {
  it('gives the lock to one run and names the holder to the next', async () => {
    const a = await acquireLock(opts('run-a'))
    const error = await acquireLock(opts('run-b')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LockHeldError)
    expect((error as LockHeldError).message).toContain('partition 9550 is held by run run-a')
    a.release()
    const b = await acquireLock(opts('run-b'))
    expect(readLockOwner(dir, 'partition-9550')?.runId).toBe('run-b')
    b.release()
    expect(readLockOwner(dir, 'partition-9550')).toBeUndefined()
  })

  it('waits for the holder when asked to', async () => {
    const a = await acquireLock(opts('run-a'))
    let waited = false
    const pending = acquireLock(
      opts('run-b', { wait: true, pollMs: 10, onWait: () => (waited = true) }),
    )
    await new Promise((r) => setTimeout(r, 50))
    expect(waited).toBe(true)
    a.release()
    const b = await pending
    expect(b.owner.runId).toBe('run-b')
    b.release()
  })

  it('takes over the lock of a process that is gone', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    })
    const pid = Number(dead.stdout)
    writeFileSync(
      join(dir, 'partition-9550.lock'),
      JSON.stringify({
        runId: 'crashed',
        pid,
        host: hostname(),
        acquiredAt: '2024-01-01T00:00:00Z',
      }),
    )
    let tookOver = ''
    const b = await acquireLock(
      opts('run-b', { onTakeover: (o: { runId: string }) => (tookOver = o.runId) }),
    )
    expect(tookOver).toBe('crashed')
    expect(JSON.parse(readFileSync(b.path, 'utf8')).runId).toBe('run-b')
    b.release()
  })

  it('never takes over the lock of another host', async () => {
    writeFileSync(
      join(dir, 'partition-9550.lock'),
      JSON.stringify({
        runId: 'remote',
        pid: 1,
        host: 'elsewhere',
        acquiredAt: '2024-01-01T00:00:00Z',
      }),
    )
    await expect(acquireLock(opts('run-b'))).rejects.toBeInstanceOf(LockHeldError)
  })

  it('lets only one of many racing acquirers hold the lock', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => acquireLock(opts(`run-${i}`))),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
  })
})
