/**
 * @module transform/materialize/file-lock
 * An exclusive lock as a file (issue 11): two snapshot runs of one snapshot, or two builds on one
 * home, never overlap, even from different processes.
 *
 * The lock file appears with its owner already in it — written to a temporary file, fsynced, then
 * hard-linked to the lock's name, which fails when the lock exists (the Delta commit's
 * create-if-absent) — so a reader never sees an empty or half-written owner. A lock whose owner is
 * a process of this host that no longer exists, or whose content cannot be read (an empty file
 * left by an older version killed mid-write), is taken over with a warning instead of blocking
 * every later run. The takeover moves the stale file aside with one rename and checks it moved
 * what it judged stale, so two processes taking over at once cannot both win.
 */
import { randomBytes } from 'node:crypto'
import { link, mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname } from 'node:path'

/** Who holds a lock. */
export interface LockOwner {
  /** `host:pid`. */
  readonly owner: string
  readonly host: string
  readonly pid: number
  /** ISO timestamp of the acquisition. */
  readonly since: string
  /** What the holder is doing (`pitwall build`, `snapshot driver_snapshot`). */
  readonly purpose: string
}

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /** What the lock is taken for (shown to whoever finds it held). */
  readonly purpose: string
  /** Told when a stale or unreadable lock is taken over. */
  readonly onWarning?: (message: string) => void
}

/** The outcome of {@link acquireFileLock}: the release function, or who holds the lock. */
export type LockAttempt =
  | { readonly ok: true; readonly release: () => Promise<void> }
  | { readonly ok: false; readonly holder: LockOwner | undefined; readonly raw: string }

/** This process as a lock owner. */
export function currentOwner(purpose: string): LockOwner {
  const host = hostname()
  return {
    owner: `${host}:${process.pid}`,
    host,
    pid: process.pid,
    since: new Date().toISOString(),
    purpose,
  }
}

/** Creates `file` exclusively with this process as its owner, or says who holds it. */
export async function acquireFileLock(
  file: string,
  options: FileLockOptions,
): Promise<LockAttempt> {
  await mkdir(dirname(file), { recursive: true })
  const me = currentOwner(options.purpose)
  const text = JSON.stringify(me)
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createWithContent(file, text)) {
      return { ok: true, release: () => releaseIfOwned(file, text) }
    }
    const raw = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) =>
      e.code === 'ENOENT' ? undefined : '',
    )
    if (raw === undefined) continue // released meanwhile: try again
    const holder = parseOwner(raw)
    if (holder !== undefined && !isDead(holder)) return { ok: false, holder, raw }
    if (await moveAsideIfUnchanged(file, raw)) {
      options.onWarning?.(
        holder === undefined
          ? `took over the lock ${file}: its content was unreadable (${JSON.stringify(raw.slice(0, 60))}), a crash left it`
          : `took over the lock ${file} left by ${holder.purpose || 'a process'} (pid ${holder.pid} on ${holder.host}, since ${holder.since}), which no longer runs`,
      )
    }
  }
  const raw = await readFile(file, 'utf8').catch(() => '')
  return { ok: false, holder: parseOwner(raw), raw }
}

/** Writes `text` to a temp file, fsyncs it and links it to `file`; false when `file` exists. */
async function createWithContent(file: string, text: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await link(temp, file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  } finally {
    await rm(temp, { force: true })
  }
}

/**
 * Moves the stale lock aside (one atomic rename) when it still holds `expected`. When another
 * process replaced it in between, its lock is put back.
 */
async function moveAsideIfUnchanged(file: string, expected: string): Promise<boolean> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
  try {
    await rename(file, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
  const moved = await readFile(aside, 'utf8').catch(() => '')
  if (moved !== expected) {
    // Not the lock we judged stale: a live one taken meanwhile. Give it back.
    await link(aside, file).catch(() => undefined)
    await rm(aside, { force: true })
    return false
  }
  await rm(aside, { force: true })
  return true
}

async function releaseIfOwned(file: string, text: string): Promise<void> {
  // After a takeover the file may be someone else's: remove it only while it is ours.
  const current = await readFile(file, 'utf8').catch(() => undefined)
  if (current === text) await rm(file, { force: true })
}

/** The owner recorded in a lock file, or undefined when it cannot be read. */
export function parseOwner(raw: string): LockOwner | undefined {
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>
    if (typeof o.owner !== 'string') return undefined
    const at = o.owner.lastIndexOf(':')
    const host = typeof o.host === 'string' ? o.host : o.owner.slice(0, at)
    const pid = typeof o.pid === 'number' ? o.pid : Number(o.owner.slice(at + 1))
    return {
      owner: o.owner,
      host,
      pid,
      since: typeof o.since === 'string' ? o.since : '?',
      purpose: typeof o.purpose === 'string' ? o.purpose : '',
    }
  } catch {
    return undefined
  }
}

/** True when the owner is a process of this host that is gone (other hosts: assumed alive). */
function isDead(owner: LockOwner): boolean {
  if (owner.host !== hostname() || !Number.isInteger(owner.pid) || owner.pid <= 0) return false
  try {
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** One line naming who holds a lock. */
export function describeHolder(holder: LockOwner | undefined, raw: string): string {
  return holder === undefined
    ? raw
    : `${holder.purpose || 'a process'}, pid ${holder.pid} on ${holder.host}, since ${holder.since}`
}
