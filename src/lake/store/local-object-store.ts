/**
 * @module lake/store/local-object-store
 * {@link ObjectStore} on the local filesystem. `put` writes a temp file and renames it over the
 * target (readers never see a partial object); `putIfAbsent` writes a temp file and hard-links it
 * to the target, which fails with EEXIST when another writer got there first — atomic across
 * processes, never overwriting (DESIGN.md §3; PROTOCOL-NOTES §1.9).
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
  writeFile,
} from 'node:fs/promises'
import { dirname, join } from 'node:path'
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
    await mkdir(dirname(target), { recursive: true })
    const tmp = `${target}.${randomUUID()}.tmp`
    await writeFile(tmp, data)
    await rename(tmp, target)
  }

  async putIfAbsent(path: string, data: Uint8Array): Promise<void> {
    const target = this.localPath(path)
    await mkdir(dirname(target), { recursive: true })
    const tmp = join(dirname(target), `.${randomUUID()}.tmp`)
    await writeFile(tmp, data, { flag: 'wx' })
    try {
      await link(tmp, target)
    } catch (cause) {
      if (isCode(cause, 'EEXIST')) throw new ObjectAlreadyExistsError(path, { cause })
      throw cause
    } finally {
      await unlink(tmp).catch(() => undefined)
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

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

function notFoundOr(cause: unknown, path: string): unknown {
  return isCode(cause, 'ENOENT') || isCode(cause, 'ENOTDIR')
    ? new ObjectNotFoundError(path, { cause })
    : cause
}
