/**
 * @module transform/run/build-lock
 * One build at a time per lakehouse home (issue 11): `build`, `run`, `test`, `seed` and
 * `snapshot` hold `<home>/_locks/build.lock` from before they write anything (the manifest) until
 * after the last artifact, so a second build refuses with a clear message instead of racing the
 * first into conflicting commits, false test failures and a half-updated gold layer.
 */
import { join } from 'node:path'
import { acquireFileLock, describeHolder } from '../materialize/file-lock.js'
import { BuildLockedError } from '../transform-errors.js'

/** Options of {@link acquireBuildLock}. */
export interface BuildLockOptions {
  /** What is running (`pitwall build --target dev`), shown to a second build. */
  readonly purpose: string
  /** Told when a crashed build's lock is taken over. */
  readonly onWarning?: (message: string) => void
  /**
   * Wait up to this long (ms) for another build to finish instead of refusing at once (e.g. a
   * pipeline run queued behind a build); polls every `pollMs` (default 250).
   */
  readonly waitMs?: number
  readonly pollMs?: number
  /** Told once when the lock is held and the caller waits. */
  readonly onWait?: (holder: string) => void
}

/** The lock file of a home. */
export function buildLockFile(home: string): string {
  return join(home, '_locks', 'build.lock')
}

/**
 * Takes the home's build lock; resolves to its release function. Throws
 * {@link BuildLockedError} when another live build holds it (after `waitMs`, if given).
 */
export async function acquireBuildLock(
  home: string,
  options: BuildLockOptions,
): Promise<() => Promise<void>> {
  const deadline = Date.now() + (options.waitMs ?? 0)
  for (let waited = false; ; waited = true) {
    const r = await acquireFileLock(buildLockFile(home), {
      purpose: options.purpose,
      ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
    })
    if (r.ok) return r.release
    const holder = describeHolder(r.holder, r.raw)
    if (Date.now() >= deadline) throw new BuildLockedError(home, holder)
    if (!waited) options.onWait?.(holder)
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250))
  }
}
