/**
 * @module lake/store/local-object-store
 * {@link ObjectStore} on the local filesystem. `put` writes a temp file and renames it over the
 * target (readers never see a partial object); `putIfAbsent` writes a temp file and hard-links it
 * to the target, which fails with EEXIST when another writer got there first — atomic across
 * processes, never overwriting (DESIGN.md §3; PROTOCOL-NOTES §1.9).
 *
 * Durability: the temp file is fsynced before it is renamed or linked, and the folder after, so
 * that after a power loss an object is either absent or complete — never a 0-byte or torn commit
 * under its final name. Folders created on the way are fsynced into their parents.
 */
import { randomUUID } from 'node:crypto'
import {
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  utimes,
} from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { ObjectAlreadyExistsError, ObjectNotFoundError } from '../lake-errors.js'
import type { ObjectMeta, ObjectStore } from './object-store.js'

/** An object store rooted at a local directory. */
export class LocalObjectStore implements ObjectStore {
  constructor(readonly root: string) {}

  localPath(path: string): string {
    return join(this.root, ...path.split('/'))
  }

  async get(path: string): Promise<Uint8Array> {
    try {
      return await readFile(this.localPath(path))
    } catch (cause) {
      throw notFoundOr(cause, path)
    }
  }

  async getRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    let handle
    try {
      handle = await open(this.localPath(path), 'r')
    } catch (cause) {
      throw notFoundOr(cause, path)
    }
    try {
      const buf = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buf, 0, length, offset)
      return buf.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  }

  async head(path: string): Promise<ObjectMeta | undefined> {
    try {
      const s = await stat(this.localPath(path))
      return s.isFile() ? { path, size: s.size, modified: s.mtimeMs } : undefined
    } catch (cause) {
      if (isCode(cause, 'ENOENT') || isCode(cause, 'ENOTDIR')) return undefined
      throw cause
    }
  }

  async put(path: string, data: Uint8Array): Promise<void> {
    const target = this.localPath(path)
    await this.makeDir(dirname(target))
    const tmp = `${target}.${randomUUID()}.tmp`
    try {
      await writeDurably(tmp, data)
      await rename(tmp, target)
    } catch (cause) {
      await unlink(tmp).catch(() => undefined)
      throw cause
    }
    await syncDir(dirname(target))
  }

  async putIfAbsent(path: string, data: Uint8Array): Promise<void> {
    const target = this.localPath(path)
    await this.makeDir(dirname(target))
    const tmp = join(dirname(target), `.${randomUUID()}.tmp`)
    try {
      // Complete on disk before it gets its final name: a power loss leaves no torn commit.
      await writeDurably(tmp, data)
      try {
        await link(tmp, target)
      } catch (cause) {
        if (isCode(cause, 'EEXIST')) throw new ObjectAlreadyExistsError(path, { cause })
        throw cause
      }
      await syncDir(dirname(target))
    } finally {
      await unlink(tmp).catch(() => undefined)
    }
  }

  async flush(paths: readonly string[]): Promise<void> {
    const dirs = new Set<string>()
    for (const p of paths) {
      // Folders between the root and the file may be new (partition folders, the table folder
      // itself on its first write): sync each, and the root's parent.
      for (let d = dirname(this.localPath(p)); ; d = dirname(d)) {
        dirs.add(d)
        const rel = relative(this.root, d)
        if (rel === '' || rel.startsWith('..') || d === dirname(d)) break
      }
    }
    if (paths.length > 0) dirs.add(dirname(this.localPath('')))
    // Many syncs in flight let the file system commit them together (one journal commit for a
    // partitioned write instead of one per file). Contents first, then the names.
    await inParallel(paths, (p) => syncFile(this.localPath(p)))
    await inParallel([...dirs], syncDir)
  }

  /** `mkdir -p`, then fsync the parent of every folder it created. */
  private async makeDir(dir: string): Promise<void> {
    const first = await mkdir(dir, { recursive: true })
    if (first === undefined) return
    for (let d = dir; ; d = dirname(d)) {
      await syncDir(dirname(d))
      if (d === first || d === dirname(d)) break
    }
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    const out: ObjectMeta[] = []
    const base = this.localPath(prefix)
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries
      try {
        entries = await readdir(dir, { withFileTypes: true })
      } catch (cause) {
        if (isCode(cause, 'ENOENT') || isCode(cause, 'ENOTDIR')) return
        throw cause
      }
      for (const e of entries) {
        const childRel = rel === '' ? e.name : `${rel}/${e.name}`
        const child = join(dir, e.name)
        if (e.isDirectory()) await walk(child, childRel)
        else if (e.isFile()) {
          const s = await stat(child).catch(() => undefined)
          if (s !== undefined) out.push({ path: childRel, size: s.size, modified: s.mtimeMs })
        }
      }
    }
    const trimmed = prefix.replace(/\/+$/, '')
    await walk(base, trimmed)
    out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    return out
  }

  async delete(path: string): Promise<void> {
    await unlink(this.localPath(path)).catch((cause: unknown) => {
      if (!isCode(cause, 'ENOENT')) throw cause
    })
  }

  async setModified(path: string, epochMs: number): Promise<void> {
    const t = new Date(epochMs)
    await utimes(this.localPath(path), t, t)
  }
}

const PARALLEL_SYNCS = 16

async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T)
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL_SYNCS, items.length) }, worker))
}

/** fdatasyncs a file: its contents and size are on disk when this returns. */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.datasync()
  } finally {
    await handle.close()
  }
}

/** Writes a new file and fsyncs it before closing. */
async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * fsyncs a folder, making the names created, renamed or linked in it durable. Platforms that
 * cannot open or sync folders (Windows) skip it: their rename/link is as durable as it gets.
 */
async function syncDir(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
  } catch (cause) {
    if (isCode(cause, 'EISDIR') || isCode(cause, 'EPERM') || isCode(cause, 'EACCES')) return
    throw cause
  }
  try {
    await handle.sync()
  } catch (cause) {
    if (!(isCode(cause, 'EINVAL') || isCode(cause, 'EPERM') || isCode(cause, 'EBADF'))) throw cause
  } finally {
    await handle.close()
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

function notFoundOr(cause: unknown, path: string): unknown {
  return isCode(cause, 'ENOENT') || isCode(cause, 'ENOTDIR')
    ? new ObjectNotFoundError(path, { cause })
    : cause
}
