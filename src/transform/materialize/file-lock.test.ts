import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { acquireFileLock, parseOwner } from './file-lock.js'

const dir = mkdtempSync(join(tmpdir(), 'pitwall-lock-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// PIDs are below 2^22 on Linux: this one cannot be running.
const DEAD_PID = 4194303

async function take(file: string, warnings: string[] = []) {
  return acquireFileLock(file, { purpose: 'test', onWarning: (m) => warnings.push(m) })
}

describe('acquireFileLock', () => {
  it('is exclusive while held, records its owner, and is free again after release', async () => {
    const file = join(dir, 'a.lock')
    const first = await take(file)
    expect(first.ok).toBe(true)
    expect(parseOwner(readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      purpose: 'test',
    })
    const second = await take(file)
    expect(second).toMatchObject({ ok: false, holder: { pid: process.pid } })
    if (first.ok) await first.release()
    expect(existsSync(file)).toBe(false)
    const again = await take(file)
    expect(again.ok).toBe(true)
    if (again.ok) await again.release()
  })

  it('takes over, with a warning, a lock whose process on this host is gone', async () => {
    const file = join(dir, 'b.lock')
    writeFileSync(file, JSON.stringify({ owner: `${hostname()}:${DEAD_PID}`, since: 'then' }))
    const warnings: string[] = []
    const r = await take(file, warnings)
    expect(r.ok).toBe(true)
    expect(warnings).toEqual([expect.stringContaining(`pid ${DEAD_PID}`)])
    if (r.ok) await r.release()
  })

  it('takes over an empty or torn lock file (a kill between create and write)', async () => {
    for (const content of ['', '{"owner": "ho']) {
      const file = join(dir, `torn-${content.length}.lock`)
      writeFileSync(file, content)
      const warnings: string[] = []
      const r = await take(file, warnings)
      expect(r.ok).toBe(true)
      expect(warnings).toEqual([expect.stringContaining('unreadable')])
      if (r.ok) await r.release()
    }
  })

  it('respects a live holder, and never releases a lock that is no longer its own', async () => {
    const file = join(dir, 'c.lock')
    const live = JSON.stringify({ owner: `${hostname()}:${process.pid}`, since: 'now' })
    writeFileSync(file, live)
    expect(await take(file)).toMatchObject({ ok: false, holder: { pid: process.pid } })
    rmSync(file)
    const mine = await take(file)
    expect(mine.ok).toBe(true)
    // Someone else took the lock over meanwhile (e.g. judged this process dead).
    writeFileSync(file, live)
    if (mine.ok) await mine.release()
    expect(readFileSync(file, 'utf8')).toBe(live)
  })

  it('lets exactly one of several takers win a stale lock', async () => {
    const file = join(dir, 'd.lock')
    writeFileSync(file, JSON.stringify({ owner: `${hostname()}:${DEAD_PID}`, since: 'then' }))
    const attempts = await Promise.all(Array.from({ length: 8 }, () => take(file)))
    expect(attempts.filter((a) => a.ok)).toHaveLength(1)
  })
})
