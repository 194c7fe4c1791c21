import { describe, expect, it } from 'vitest'
import type { Action, AddAction } from '../protocol/actions.js'
import { CommitConflictError } from '../lake-errors.js'
import { checkConflicts } from './commit-conflicts.js'

const add = (path: string, dataChange = true): Action => ({
  add: { path, partitionValues: {}, size: 1, modificationTime: 0, dataChange },
})
const remove = (path: string, dataChange = true): Action => ({ remove: { path, dataChange } })
const info = (isBlindAppend: boolean): Action => ({ commitInfo: { isBlindAppend } })

function kind(fn: () => void): string | undefined {
  try {
    fn()
    return undefined
  } catch (e) {
    return e instanceof CommitConflictError ? e.kind : 'other'
  }
}

describe('checkConflicts', () => {
  it('lets blind appends rebase on each other', () => {
    expect(kind(() => checkConflicts([add('b')], [info(true), add('a')], 3, {}))).toBeUndefined()
  })

  it('fails on protocol and metadata changes', () => {
    const meta: Action = {
      metaData: {
        id: 'x',
        format: { provider: 'parquet' },
        schemaString: '{}',
        partitionColumns: [],
        configuration: {},
      },
    }
    expect(
      kind(() =>
        checkConflicts(
          [add('b')],
          [{ protocol: { minReaderVersion: 1, minWriterVersion: 2 } }],
          1,
          {},
        ),
      ),
    ).toBe('protocol-changed')
    expect(kind(() => checkConflicts([add('b')], [meta], 1, {}))).toBe('metadata-changed')
  })

  it('fails when both remove the same file, or the winner removed a file we read', () => {
    expect(kind(() => checkConflicts([remove('f')], [remove('f')], 1, {}))).toBe(
      'concurrent-delete-delete',
    )
    expect(kind(() => checkConflicts([add('g')], [remove('f')], 1, { readFiles: ['f'] }))).toBe(
      'concurrent-delete-read',
    )
    expect(
      kind(() =>
        checkConflicts([add('g')], [remove('f', false), add('h', false)], 1, { readFiles: ['f'] }),
      ),
    ).toBeUndefined()
  })

  it('fails when a non-blind winner adds a file our predicate may match, unless snapshot isolation', () => {
    const mayMatch = (a: AddAction): boolean => a.path === 'hit'
    expect(kind(() => checkConflicts([add('x')], [info(false), add('hit')], 1, { mayMatch }))).toBe(
      'concurrent-append',
    )
    expect(
      kind(() => checkConflicts([add('x')], [info(false), add('miss')], 1, { mayMatch })),
    ).toBeUndefined()
    expect(
      kind(() => checkConflicts([add('x')], [info(true), add('hit')], 1, { mayMatch })),
    ).toBeUndefined()
    expect(
      kind(() =>
        checkConflicts([add('x')], [info(true), add('hit')], 1, {
          mayMatch,
          isolation: 'Serializable',
        }),
      ),
    ).toBe('concurrent-append')
    expect(
      kind(() =>
        checkConflicts([add('x')], [info(false), add('hit')], 1, {
          wholeTable: true,
          isolation: 'SnapshotIsolation',
        }),
      ),
    ).toBeUndefined()
  })

  it('fails when the winner wrote a txn of an application id we read', () => {
    const txn: Action = { txn: { appId: 'app', version: 2 } }
    expect(kind(() => checkConflicts([add('x')], [txn], 1, { appIds: ['app'] }))).toBe(
      'concurrent-transaction',
    )
    expect(kind(() => checkConflicts([add('x')], [txn], 1, { appIds: ['other'] }))).toBeUndefined()
  })
})
