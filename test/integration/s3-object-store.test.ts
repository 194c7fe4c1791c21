/**
 * The object-store contract, run against every store: local disk, memory, and S3 (s3rver on
 * loopback behind the conditional-write proxy of `s3-server.ts`). Then what only the S3 store
 * does: its local cache (prefetch for DuckDB's reads, flush for DuckDB's writes).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  LocalObjectStore,
  MemoryObjectStore,
  ObjectAlreadyExistsError,
  ObjectNotFoundError,
  objectStoreFor,
  type ObjectStore,
} from '../../src/lake/index.js'
import { startS3Server, type S3TestServer } from './s3-server.js'

let s3: S3TestServer
const localDir = mkdtempSync(join(tmpdir(), 'pitwall-store-contract-'))
let run = 0

beforeAll(async () => {
  s3 = await startS3Server()
})
afterAll(async () => {
  await s3.close()
  rmSync(localDir, { recursive: true, force: true })
})

const enc = (s: string) => new TextEncoder().encode(s)
const dec = (b: Uint8Array) => new TextDecoder().decode(b)

/** A fresh, empty store of each kind (`open` gives another handle on the same one). */
const kinds: Record<string, () => { store: ObjectStore; open: () => ObjectStore }> = {
  local: () => {
    const dir = join(localDir, `t${++run}`)
    return { store: new LocalObjectStore(dir), open: () => new LocalObjectStore(dir) }
  },
  memory: () => {
    const store = new MemoryObjectStore(`contract-${++run}`)
    return { store, open: () => store }
  },
  s3: () => {
    const location = `s3://${s3.bucket}/contract/t${++run}`
    return {
      store: objectStoreFor(location, s3.env),
      open: () => objectStoreFor(location, s3.env),
    }
  },
}

describe.each(Object.keys(kinds))('object store contract: %s', (kind) => {
  const fresh = () => (kinds[kind] as () => { store: ObjectStore; open: () => ObjectStore })()

  it('puts, gets, heads, lists in path order and deletes', async () => {
    const { store } = fresh()
    await store.put('t/_delta_log/00000000000000000001.json', enc('one'))
    await store.put('t/_delta_log/00000000000000000000.json', enc('zero!'))
    await store.put('t/part-1.parquet', enc('p'))
    await store.put('tx/other.json', enc('x'))
    expect(dec(await store.get('t/_delta_log/00000000000000000000.json'))).toBe('zero!')
    expect(await store.head('t/_delta_log/00000000000000000000.json')).toMatchObject({ size: 5 })
    const listed = await store.list('t/_delta_log')
    expect(listed.map((m) => m.path)).toEqual([
      't/_delta_log/00000000000000000000.json',
      't/_delta_log/00000000000000000001.json',
    ])
    // A prefix is a folder: `t` does not list `tx/…`.
    expect((await store.list('t')).map((m) => m.path)).toEqual([
      't/_delta_log/00000000000000000000.json',
      't/_delta_log/00000000000000000001.json',
      't/part-1.parquet',
    ])
    await store.put('t/part-1.parquet', enc('replaced'))
    expect(dec(await store.get('t/part-1.parquet'))).toBe('replaced')
    await store.delete('t/part-1.parquet')
    await store.delete('t/part-1.parquet') // already gone: no error
    expect(await store.head('t/part-1.parquet')).toBeUndefined()
  })

  it('reads ranges and reports missing objects', async () => {
    const { store } = fresh()
    await store.put('r.bin', enc('0123456789'))
    expect(dec(await store.getRange('r.bin', 2, 4))).toBe('2345')
    expect(dec(await store.getRange('r.bin', 8, 10))).toBe('89')
    await expect(store.get('missing.json')).rejects.toBeInstanceOf(ObjectNotFoundError)
    expect(await store.head('missing.json')).toBeUndefined()
    expect(await store.list('nothing-here')).toEqual([])
  })

  it('putIfAbsent creates once and never overwrites', async () => {
    const { store } = fresh()
    await store.putIfAbsent('_delta_log/00000000000000000000.json', enc('first'))
    await expect(
      store.putIfAbsent('_delta_log/00000000000000000000.json', enc('second')),
    ).rejects.toBeInstanceOf(ObjectAlreadyExistsError)
    expect(dec(await store.get('_delta_log/00000000000000000000.json'))).toBe('first')
  })

  it('eight writers racing for one key: exactly one wins, the others see it exists', async () => {
    const { open } = fresh()
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        open().putIfAbsent('_delta_log/00000000000000000007.json', enc(`writer ${i}`)),
      ),
    )
    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []))
    expect(won).toHaveLength(1)
    for (const o of outcomes) {
      if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(ObjectAlreadyExistsError)
    }
    expect(dec(await open().get('_delta_log/00000000000000000007.json'))).toBe(`writer ${won[0]}`)
  })
})

describe('S3 store: the local cache DuckDB reads and writes', () => {
  it('flush uploads what DuckDB wrote at localPath; staging names stay local', async () => {
    const store = objectStoreFor(`s3://${s3.bucket}/cache/a`, s3.env)
    const local = store.localPath?.('p=1/part-0.parquet') as string
    mkdirSync(dirname(local), { recursive: true })
    writeFileSync(local, 'parquet bytes')
    writeFileSync(store.localPath?.('.abc.checkpoint.parquet.tmp') as string, 'temp')
    await store.flush?.(['p=1/part-0.parquet', '.abc.checkpoint.parquet.tmp'])
    expect(dec(await store.get('p=1/part-0.parquet'))).toBe('parquet bytes')
    expect(await store.head('.abc.checkpoint.parquet.tmp')).toBeUndefined()
  })

  it('prefetch downloads objects another process wrote; the cache is never taken for a listing', async () => {
    const writer = objectStoreFor(`s3://${s3.bucket}/cache/b`, s3.env)
    await writer.put('part-9.parquet', enc('remote'))
    // Another machine: same bucket, its own cache folder.
    const otherCache = mkdtempSync(join(tmpdir(), 'pitwall-s3-cache-'))
    try {
      const reader = objectStoreFor(`s3://${s3.bucket}/cache/b`, {
        ...s3.env,
        PITWALL_S3_CACHE: otherCache,
      })
      const local = reader.localPath?.('part-9.parquet') as string
      expect(existsSync(local)).toBe(false)
      await reader.prefetch?.(['part-9.parquet'])
      expect(readFileSync(local, 'utf8')).toBe('remote')
      writeFileSync(reader.localPath?.('stray.json') as string, 'only in the cache')
      expect((await reader.list('')).map((m) => m.path)).toEqual(['part-9.parquet'])
      await reader.delete('part-9.parquet')
      expect(existsSync(local)).toBe(false)
      expect(await writer.head('part-9.parquet')).toBeUndefined()
    } finally {
      rmSync(otherCache, { recursive: true, force: true })
    }
  })

  it('the proxy refused the losers of the races (the server, not the client, decided)', () => {
    expect(s3.refused()).toBeGreaterThanOrEqual(8)
  })
})
