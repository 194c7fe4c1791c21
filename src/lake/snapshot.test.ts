import { describe, expect, it } from 'vitest'
import type { Action } from './protocol/actions.js'
import { serializeActions } from './protocol/parse-actions.js'
import { commitPath } from './log/log-files.js'
import { loadSnapshot } from './snapshot-load.js'
import { InvalidLogError, NotADeltaTableError, UnsupportedFeatureError } from './lake-errors.js'
import { MemoryObjectStore } from './store/memory-object-store.js'

const schemaString = JSON.stringify({
  type: 'struct',
  fields: [{ name: 'id', type: 'long', nullable: true, metadata: {} }],
})
const protocol: Action = { protocol: { minReaderVersion: 1, minWriterVersion: 2 } }
const metaData: Action = {
  metaData: {
    id: 't',
    format: { provider: 'parquet' },
    schemaString,
    partitionColumns: [],
    configuration: {},
  },
}
const add = (path: string, dv?: string): Action => ({
  add: {
    path,
    partitionValues: {},
    size: 1,
    modificationTime: 1,
    dataChange: true,
    ...(dv === undefined
      ? {}
      : {
          deletionVector: { storageType: 'i', pathOrInlineDv: dv, sizeInBytes: 1, cardinality: 1 },
        }),
  },
})
const remove = (path: string, dv?: string): Action => ({
  remove: {
    path,
    dataChange: true,
    deletionTimestamp: 5,
    ...(dv === undefined
      ? {}
      : {
          deletionVector: { storageType: 'i', pathOrInlineDv: dv, sizeInBytes: 1, cardinality: 1 },
        }),
  },
})

async function table(commits: Action[][], start = 0): Promise<MemoryObjectStore> {
  const store = new MemoryObjectStore()
  for (let i = 0; i < commits.length; i++) {
    const v = start + i
    await store.put(commitPath(v), new TextEncoder().encode(serializeActions(commits[i] ?? [])))
    await store.setModified(commitPath(v), 1_000 * (v + 1))
  }
  return store
}

describe('loadSnapshot', () => {
  it('replays adds, removes, txns and domain metadata; the newest reference wins', async () => {
    const store = await table([
      [protocol, metaData, add('a'), add('b%20c'), { txn: { appId: 'app', version: 1 } }],
      [
        remove('a'),
        { txn: { appId: 'app', version: 2 } },
        { domainMetadata: { domain: 'd', configuration: '{}', removed: false } },
      ],
      [
        remove('b c'),
        add('b c', 'dv1'),
        { domainMetadata: { domain: 'd', configuration: '{}', removed: true } },
      ],
    ])
    const s = await loadSnapshot(store)
    expect(s.version).toBe(2)
    expect([...s.files.keys()]).toEqual(['b c#idv1'])
    expect([...s.tombstones.keys()].sort()).toEqual(['a', 'b c'])
    expect(s.txns.get('app')).toBe(2)
    expect(s.domainMetadata.size).toBe(0)
    const v1 = await loadSnapshot(store, { version: 1 })
    expect([...v1.files.keys()]).toEqual(['b c'])
    expect(v1.domainMetadata.has('d')).toBe(true)
  })

  it('a remove without the DV of the live file does not cancel it', async () => {
    const store = await table([[protocol, metaData, add('f', 'dv1')], [remove('f')]])
    expect([...(await loadSnapshot(store)).files.keys()]).toEqual(['f#idv1'])
  })

  it('travels by timestamp to the latest commit at or before it', async () => {
    const store = await table([[protocol, metaData, add('a')], [add('b')], [add('c')]])
    expect((await loadSnapshot(store, { timestamp: 2_500 })).version).toBe(1)
    expect((await loadSnapshot(store, { timestamp: new Date(3_000) })).version).toBe(2)
    expect((await loadSnapshot(store, { timestamp: 99_000 })).version).toBe(2)
    await expect(loadSnapshot(store, { timestamp: 999 })).rejects.toThrow(/before the earliest/)
    await expect(loadSnapshot(store, { timestamp: 'yesterday' })).rejects.toThrow(
      /invalid timestamp/,
    )
  })

  it('refuses gaps, missing protocol, unknown reader features and empty stores', async () => {
    const gap = await table([[protocol, metaData]])
    await gap.put(commitPath(2), new TextEncoder().encode(serializeActions([add('x')])))
    await expect(loadSnapshot(gap)).rejects.toBeInstanceOf(InvalidLogError)
    await expect(loadSnapshot(await table([[metaData]]))).rejects.toThrow(/no protocol/)
    const future: Action = {
      protocol: {
        minReaderVersion: 3,
        minWriterVersion: 7,
        readerFeatures: ['fancy'],
        writerFeatures: [],
      },
    }
    await expect(loadSnapshot(await table([[future, metaData]]))).rejects.toBeInstanceOf(
      UnsupportedFeatureError,
    )
    await expect(loadSnapshot(new MemoryObjectStore())).rejects.toBeInstanceOf(NotADeltaTableError)
  })

  it('names the file and line of a corrupt commit', async () => {
    const store = await table([[protocol, metaData]])
    await store.put(commitPath(1), new TextEncoder().encode('{"add": \n'))
    await expect(loadSnapshot(store)).rejects.toThrow(
      /00000000000000000001\.json:1 is not valid JSON/,
    )
  })
})
