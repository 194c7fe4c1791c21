/**
 * @module lake/store/memory-object-store
 * {@link ObjectStore} in memory, for fast unit tests of the log and operations.
 */
import { ObjectAlreadyExistsError, ObjectNotFoundError } from '../lake-errors.js'
import type { ObjectMeta, ObjectStore } from './object-store.js'

/** An in-memory object store. Not shared across processes. */
export class MemoryObjectStore implements ObjectStore {
  readonly root: string
  private readonly objects = new Map<string, { data: Uint8Array; modified: number }>()
  private clock: () => number

  constructor(name = 'memory', clock: () => number = () => Date.now()) {
    this.root = `memory://${name}`
    this.clock = clock
  }

  async get(path: string): Promise<Uint8Array> {
    const o = this.objects.get(path)
    if (o === undefined) throw new ObjectNotFoundError(path)
    return o.data
  }

  async getRange(path: string, offset: number, length: number): Promise<Uint8Array> {
    return (await this.get(path)).subarray(offset, offset + length)
  }

  async head(path: string): Promise<ObjectMeta | undefined> {
    const o = this.objects.get(path)
    return o === undefined ? undefined : { path, size: o.data.byteLength, modified: o.modified }
  }

  async put(path: string, data: Uint8Array): Promise<void> {
    this.objects.set(path, { data: new Uint8Array(data), modified: this.clock() })
  }

  async putIfAbsent(path: string, data: Uint8Array): Promise<void> {
    if (this.objects.has(path)) throw new ObjectAlreadyExistsError(path)
    await this.put(path, data)
  }

  async list(prefix: string): Promise<ObjectMeta[]> {
    const p = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`
    return [...this.objects.entries()]
      .filter(([k]) => prefix === '' || k.startsWith(p) || k === prefix)
      .map(([k, o]) => ({ path: k, size: o.data.byteLength, modified: o.modified }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }

  async delete(path: string): Promise<void> {
    this.objects.delete(path)
  }

  async setModified(path: string, epochMs: number): Promise<void> {
    const o = this.objects.get(path)
    if (o === undefined) throw new ObjectNotFoundError(path)
    o.modified = epochMs
  }
}
