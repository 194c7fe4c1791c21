/**
 * @module transform/materialize/file-lock
 * An exclusive lock as a lock file created with `wx` (fails when it exists): two snapshot runs of
 * the same snapshot cannot overlap, even from different processes (REFERENCE.md §1: concurrent
 * snapshot runs duplicate history in dbt).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { SnapshotLockedError } from '../transform-errors.js'

/** Creates `file` exclusively; resolves to a release function. Throws when it is held. */
export async function acquireFileLock(file: string, owner: string): Promise<() => Promise<void>> {
  await mkdir(dirname(file), { recursive: true })
  try {
    await writeFile(file, JSON.stringify({ owner, since: new Date().toISOString() }), {
      flag: 'wx',
    })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const holder = await readFile(file, 'utf8').catch(() => '?')
    throw new SnapshotLockedError(file, holder)
  }
  return async () => {
    await rm(file, { force: true })
  }
}
