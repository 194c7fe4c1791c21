/**
 * @module pipeline/file-lock
 * Cross-process locks as files: `<dir>/<name>.lock`, created with O_EXCL (`wx`), holding the
 * owner (run id, pid, host, time) as JSON. A lock whose owner process is gone (same host, pid
 * not alive) is stale and taken over; a lock of another host is never taken over (its owner
 * cannot be checked). Takeover happens under a short-lived guard file, so two processes that
 * both find a lock stale cannot both take it.
 *
 * Concurrency contract: `acquire` either returns a held lock or throws `LockHeldError` (with
 * `wait: false`) — never both holders at once. `release` removes the file only while it still
 * holds this owner's content.
 */
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { LockHeldError, type LockOwnerInfo } from './pipeline-errors.js'

/** Options of {@link acquireLock}. */
export interface AcquireLockOptions {
  /** Folder of the lock files. */
  readonly dir: string
  /** File-safe name (`partition-9550`, `build-dev`). */
  readonly name: string
  /** What the lock protects, for messages (`partition 9550`). */
  readonly label: string
  readonly runId: string
  /** Wait for the holder instead of failing (default false). */
  readonly wait?: boolean
  /** Give up waiting after this long (default: forever). */
  readonly timeoutMs?: number
  /** Poll interval while waiting (default 250 ms). */
  readonly pollMs?: number
  /** Called once when the lock is busy and the caller waits. */
  readonly onWait?: (owner: LockOwnerInfo) => void
  /** Called when a stale lock of a dead process is taken over. */
  readonly onTakeover?: (owner: LockOwnerInfo) => void
}

/** A held lock. */
export interface HeldLock {
  readonly path: string
  readonly owner: LockOwnerInfo
  /** Releases the lock (idempotent). */
  release(): void
}

const GUARD_STALE_MS = 30_000

/** Acquires a lock; see the module doc. @throws LockHeldError */
export async function acquireLock(options: AcquireLockOptions): Promise<HeldLock> {
  mkdirSync(options.dir, { recursive: true })
  const path = join(options.dir, `${options.name}.lock`)
  const owner: LockOwnerInfo = {
    runId: options.runId,
    pid: process.pid,
    host: hostname(),
    acquiredAt: new Date().toISOString(),
  }
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs
  let announced = false
  for (;;) {
    if (tryCreate(path, owner)) return held(path, owner)
    const current = readOwner(path)
    if (current === undefined) {
      // Released meanwhile, or being written: try again. A lock left unreadable for long (a
      // crash between create and write) is removed.
      if (ageMs(path) > GUARD_STALE_MS) unlinkQuiet(path)
      await new Promise((r) => setTimeout(r, 20))
      continue
    }
    if (current.runId === owner.runId && current.pid === owner.pid) return held(path, current)
    if (isStale(current)) {
      if (takeOver(path, current, owner)) {
        options.onTakeover?.(current)
        return held(path, owner)
      }
      continue
    }
    if (options.wait !== true || Date.now() >= deadline) {
      throw new LockHeldError(options.label, current)
    }
    if (!announced) {
      announced = true
      options.onWait?.(current)
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250))
  }
}

/** The owner of a lock, if the lock exists and is readable. */
export function readLockOwner(dir: string, name: string): LockOwnerInfo | undefined {
  return readOwner(join(dir, `${name}.lock`))
}

/** True when the owner is a dead process of this host. */
export function isStale(owner: LockOwnerInfo): boolean {
  return owner.host === hostname() && !isAlive(owner.pid)
}

/** True when `pid` is a live process of this host. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: alive but not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function held(path: string, owner: LockOwnerInfo): HeldLock {
  let released = false
  return {
    path,
    owner,
    release() {
      if (released) return
      released = true
      const current = readOwner(path)
      if (current !== undefined && sameOwner(current, owner)) unlinkQuiet(path)
    },
  }
}

function tryCreate(path: string, owner: LockOwnerInfo): boolean {
  try {
    writeFileSync(path, JSON.stringify(owner), { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

function readOwner(path: string): LockOwnerInfo | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwnerInfo>
    if (typeof value.pid !== 'number' || typeof value.runId !== 'string') return undefined
    return {
      runId: value.runId,
      pid: value.pid,
      host: String(value.host ?? ''),
      acquiredAt: String(value.acquiredAt ?? ''),
    }
  } catch {
    return undefined
  }
}

function sameOwner(a: LockOwnerInfo, b: LockOwnerInfo): boolean {
  return (
    a.runId === b.runId && a.pid === b.pid && a.host === b.host && a.acquiredAt === b.acquiredAt
  )
}

/** Replaces a stale lock under a guard; false when another process got there first. */
function takeOver(path: string, stale: LockOwnerInfo, owner: LockOwnerInfo): boolean {
  const guard = `${path}.takeover`
  clearStaleGuard(guard)
  try {
    writeFileSync(guard, String(process.pid), { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    const current = readOwner(path)
    if (current === undefined || !sameOwner(current, stale)) return false
    // Write the new owner beside it, then rename over: the lock file never disappears.
    const tmp = `${path}.${process.pid}.tmp`
    writeFileSync(tmp, JSON.stringify(owner))
    renameSync(tmp, path)
    return true
  } finally {
    unlinkQuiet(guard)
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs
  } catch {
    return 0
  }
}

function clearStaleGuard(guard: string): void {
  if (ageMs(guard) > GUARD_STALE_MS) unlinkQuiet(guard)
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}
