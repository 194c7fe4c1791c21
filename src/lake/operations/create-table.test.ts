import { describe, expect, it } from 'vitest'
import { CommitConflictError, DeltaError, UnsupportedFeatureError } from '../lake-errors.js'
import type { AddAction } from '../protocol/actions.js'
import type { StructType } from '../protocol/schema.js'
import type { SqlExecutor } from '../sql-executor.js'
import { MemoryObjectStore } from '../store/memory-object-store.js'
import { loadSnapshot } from '../snapshot-load.js'
import { createTable } from './create-table.js'
import { commitOperation } from './transaction.js'

const schema: StructType = {
  type: 'struct',
  fields: [{ name: 'id', type: 'long', nullable: true, metadata: {} }],
}

/** These tests write no Parquet: an engine call would be a bug. */
const noEngine: SqlExecutor = {
  all: () => Promise.reject(new Error('no SQL expected')),
  run: () => Promise.reject(new Error('no SQL expected')),
}

let n = 0
const target = () => ({ store: new MemoryObjectStore(`create-${n++}`), executor: noEngine })

const file = (path: string): AddAction => ({
  path,
  partitionValues: {},
  size: 1,
  modificationTime: 0,
  dataChange: true,
  stats: '{"numRecords":1,"minValues":{"id":1},"maxValues":{"id":1},"nullCount":{"id":0}}',
})

describe('createTable configuration', () => {
  it('refuses an unknown delta.* property, naming it, and writes nothing', async () => {
    const t = target()
    const error = await createTable({
      ...t,
      schema,
      configuration: { 'delta.enableChangeDataFeeds': 'true' },
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeltaError)
    expect((error as DeltaError).code).toBe('unknown-table-property')
    expect((error as DeltaError).message).toContain('delta.enableChangeDataFeeds')
    expect(await t.store.list('')).toEqual([])
  })

  it('refuses an invalid value as set-properties does', async () => {
    await expect(
      createTable({ ...target(), schema, configuration: { 'delta.appendOnly': 'yes' } }),
    ).rejects.toThrow(/delta.appendOnly='yes' is invalid/)
    await expect(
      createTable({
        ...target(),
        schema,
        configuration: { 'delta.isolationLevel': 'SnapshotIsolation' },
      }),
    ).rejects.toThrow(/Serializable/)
  })

  it.each([
    ['delta.columnMapping.mode', 'name'],
    ['delta.columnMapping.mode', 'id'],
    ['delta.enableRowTracking', 'true'],
    ['delta.checkpointPolicy', 'v2'],
  ])('never creates a (1,2) table claiming %s=%s: the writer refuses it', async (key, value) => {
    const t = target()
    const error = await createTable({ ...t, schema, configuration: { [key]: value } }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UnsupportedFeatureError)
    expect((error as Error).message).toContain(key)
    expect(await t.store.list('')).toEqual([])
  })

  it('accepts the neutral values of those properties and derives the protocol', async () => {
    const t = target()
    await createTable({
      ...t,
      schema,
      configuration: {
        'delta.columnMapping.mode': 'none',
        'delta.enableRowTracking': 'false',
        'delta.checkpointPolicy': 'classic',
        'delta.enableChangeDataFeed': 'true',
      },
    })
    const snap = await loadSnapshot(t.store)
    expect(snap.protocol).toEqual({
      minReaderVersion: 1,
      minWriterVersion: 7,
      writerFeatures: ['changeDataFeed'],
    })
  })
})

describe('delta.isolationLevel', () => {
  /** v0 with one file; a blind append lands at v1 while a transaction that read v0 commits. */
  async function race(configuration: Record<string, string>) {
    const t = target()
    await createTable({ ...t, schema, configuration })
    await commitOperation(t, await loadSnapshot(t.store), {
      operation: 'WRITE',
      actions: [{ add: file('a.parquet') }],
      isBlindAppend: true,
    })
    const read = await loadSnapshot(t.store)
    await commitOperation(t, read, {
      operation: 'WRITE',
      actions: [{ add: file('b.parquet') }],
      isBlindAppend: true,
    })
    // A DELETE that read every file of v1 (its predicate may match b.parquet's rows too).
    return commitOperation(t, read, {
      operation: 'DELETE',
      actions: [{ remove: { path: 'a.parquet', deletionTimestamp: 0, dataChange: true } }],
      scope: { readFiles: ['a.parquet'], mayMatch: () => true },
    })
  }

  it('Serializable: a concurrent blind append that may match what was read conflicts', async () => {
    await expect(race({ 'delta.isolationLevel': 'Serializable' })).rejects.toBeInstanceOf(
      CommitConflictError,
    )
  })

  it('WriteSerializable (the default): the blind append does not conflict', async () => {
    const result = await race({})
    expect(result.version).toBe(3)
    expect(result.commitInfo.isolationLevel).toBe('WriteSerializable')
  })
})
