/**
 * @module transform/materialize/file-lock
 * An exclusive lock as a lock file created with `wx` (fails when it exists): two snapshot runs of
 * the same snapshot cannot overlap, even from different processes (REFERENCE.md §1: concurrent
 * snapshot runs duplicate history in dbt). A lock left by a process of this host that no longer
 * exists (a crash) is taken over instead of blocking every later run.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname } from 'node:path'
import { SnapshotLockedError } from '../transform-errors.js'

/** Creates `file` exclusively; resolves to a release function. Throws when it is held. */
export async function acquireFileLock(file: string, owner: string): Promise<() => Promise<void>> {
  await mkdir(dirname(file), { recursive: true })
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(file, JSON.stringify({ owner, since: new Date().toISOString() }), {
        flag: 'wx',
      })
      return async () => {
        await rm(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = await readFile(file, 'utf8').catch(() => '?')
      if (attempt === 0 && isStale(holder)) {
        await rm(file, { force: true })
        continue
      }
      throw new SnapshotLockedError(file, holder)
    }
  }
}

/** True when the lock's owner is a process of this host that is gone. */
function isStale(holder: string): boolean {
  let owner: unknown
  try {
    owner = (JSON.parse(holder) as { owner?: unknown }).owner
  } catch {
    return false
  }
  if (typeof owner !== 'string') return false
  const at = owner.lastIndexOf(':')
  const host = owner.slice(0, at)
  const pid = Number(owner.slice(at + 1))
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
