/**
 * @module lake/read/changes
 * Change data feed between two versions (PROTOCOL.md "Add CDC File"; PROTOCOL-NOTES §1.10), as a
 * DuckDB `SELECT` with the table's columns plus `_change_type`, `_commit_version` and
 * `_commit_timestamp`. Per version: if it has `cdc` actions, only its CDC files are read (their
 * `_change_type` column is passed through); else `add`s with `dataChange` are inserts and
 * `remove`s with `dataChange` are deletes, each minus its deletion vector. A remove + add of the
 * same file with a new deletion vector yields the newly deleted rows as deletes (and rows no
 * longer deleted as inserts). Versions with only `dataChange=false` actions produce nothing.
 */
import type { AddAction, RemoveAction } from '../protocol/actions.js'
import { normalizePath } from '../protocol/paths.js'
import { DeltaError, InvalidLogError } from '../lake-errors.js'
import { sqlIdent, sqlString, type SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'
import { LogStore } from '../log/log-store.js'
import { commitTimestamps, ictEnablementVersion } from '../log/commit-timestamps.js'
import type { Snapshot } from '../snapshot.js'
import { loadSnapshot } from '../snapshot-load.js'
import { loadDeletionVector } from './deletion-vectors.js'
import { filesSql, type FileRead } from './files-sql.js'
import { fileLocation } from './scan-plan.js'
import { prefetchFiles } from '../store/prefetch.js'

/** Options of a change data feed read. */
export interface ChangesOptions {
  /** First version (inclusive). */
  readonly start: number
  /** Last version (inclusive); default the latest. */
  readonly end?: number
  /** The engine (Parquet checkpoints, column discovery). */
  readonly sql?: SqlExecutor
}

/** The CDF columns added to the table's columns. */
export const CDF_COLUMNS = ['_change_type', '_commit_version', '_commit_timestamp'] as const

/**
 * Builds the change data feed SQL of versions `start..end`.
 * @throws DeltaError for an invalid range; InvalidLogError when CDF was off at a version in range.
 */
export async function changesSql(store: ObjectStore, options: ChangesOptions): Promise<string> {
  const log = new LogStore(store)
  const listing = await log.listLog({ times: true })
  const end = options.end ?? listing.latest
  const { start } = options
  if (!Number.isInteger(start) || start < 0)
    throw rangeError(store, `start version ${start} is invalid`)
  if (start > listing.latest)
    throw rangeError(store, `start version ${start} is after the latest version ${listing.latest}`)
  if (end > listing.latest)
    throw rangeError(store, `end version ${end} is after the latest version ${listing.latest}`)
  if (start > end) throw rangeError(store, `start version ${start} is after end version ${end}`)
  const sqlOpt = options.sql === undefined ? {} : { sql: options.sql }
  const last = await loadSnapshot(store, { ...sqlOpt, version: end })
  const first = start === end ? last : await loadSnapshot(store, { ...sqlOpt, version: start })
  checkCdfEnabled(first.configuration, start, store)
  const stamps = await commitTimestamps(log, listing, ictEnablementVersion(last.configuration))
  const groups: { kind: 'cdc' | 'plain' | 'only'; files: FileRead[] }[] = []
  const place = (kind: 'cdc' | 'plain' | 'only', file: FileRead) => {
    let g = groups.find(
      (x) => x.kind === kind && !x.files.some((f) => f.location === file.location),
    )
    if (g === undefined) {
      g = { kind, files: [] }
      groups.push(g)
    }
    g.files.push(file)
  }
  for (let v = start; v <= end; v++) {
    const actions = await log.readCommit(v)
    for (const a of actions)
      if ('metaData' in a) checkCdfEnabled(a.metaData.configuration, v, store)
    const ts = stamps.get(v) ?? 0
    const consts = (changeType?: string): Record<string, string> => ({
      ...(changeType === undefined ? {} : { _change_type: sqlString(changeType) }),
      _commit_version: `CAST(${v} AS BIGINT)`,
      _commit_timestamp: `timezone('UTC', epoch_ms(CAST(${ts} AS BIGINT)))`,
    })
    const cdcs = actions.flatMap((a) => ('cdc' in a ? [a.cdc] : []))
    if (cdcs.length > 0) {
      for (const c of cdcs) {
        place('cdc', {
          location: fileLocation(last, c.path),
          path: c.path,
          partitionValues: c.partitionValues,
          constants: consts(),
        })
      }
      continue
    }
    const adds = new Map<string, AddAction>()
    const removes = new Map<string, RemoveAction>()
    for (const a of actions) {
      if ('add' in a && a.add.dataChange) adds.set(normalizePath(a.add.path), a.add)
      if ('remove' in a && a.remove.dataChange) removes.set(normalizePath(a.remove.path), a.remove)
    }
    for (const [path, add] of adds) {
      const location = fileLocation(last, add.path)
      const removed = removes.get(path)
      const now = await deleted(last, add.deletionVector)
      if (removed !== undefined) {
        // Same file, new deletion vector: the difference is the change.
        const before = new Set(await deleted(last, removed.deletionVector))
        const nowSet = new Set(now)
        const newlyDeleted = now.filter((r) => !before.has(r))
        const restored = [...before].filter((r) => !nowSet.has(r)).sort((a, b) => a - b)
        const base = { location, path: add.path, partitionValues: add.partitionValues }
        if (newlyDeleted.length > 0)
          place('only', {
            ...base,
            rows: { mode: 'only', indexes: newlyDeleted },
            constants: consts('delete'),
          })
        if (restored.length > 0)
          place('only', {
            ...base,
            rows: { mode: 'only', indexes: restored },
            constants: consts('insert'),
          })
        removes.delete(path)
        continue
      }
      place('plain', {
        location,
        path: add.path,
        partitionValues: add.partitionValues,
        rows: { mode: 'except', indexes: now },
        constants: consts('insert'),
      })
    }
    for (const remove of removes.values()) {
      place('plain', {
        location: fileLocation(last, remove.path),
        path: remove.path,
        partitionValues: remove.partitionValues ?? {},
        rows: { mode: 'except', indexes: await deleted(last, remove.deletionVector) },
        constants: consts('delete'),
      })
    }
  }
  const cols = [
    ...last.schema.fields.map((f) => sqlIdent(f.name)),
    ...CDF_COLUMNS.map((c) => sqlIdent(c)),
  ].join(', ')
  if (groups.length === 0) {
    const empty = await filesSql(last, [], {
      fields: last.schema.fields,
      passThrough: [...CDF_COLUMNS],
    })
    return `SELECT ${cols} FROM (${empty}) AS changes`
  }
  await prefetchFiles(
    store,
    groups.flatMap((g) => g.files.map((f) => f.path)),
  )
  const parts = await Promise.all(
    groups.map((g) =>
      filesSql(last, g.files, {
        fields: last.schema.fields,
        ...sqlOpt,
        ...(g.kind === 'cdc' ? { passThrough: ['_change_type'] } : {}),
      }),
    ),
  )
  return `SELECT ${cols} FROM (${parts.map((p) => `(${p})`).join(' UNION ALL BY NAME ')}) AS changes`
}

async function deleted(snapshot: Snapshot, dv: AddAction['deletionVector']): Promise<number[]> {
  if (dv === null || dv === undefined || dv.cardinality === 0) return []
  return loadDeletionVector(snapshot.store, dv)
}

function checkCdfEnabled(
  configuration: Readonly<Record<string, string>>,
  version: number,
  store: ObjectStore,
): void {
  if (configuration['delta.enableChangeDataFeed'] !== 'true') {
    throw new InvalidLogError(
      `change data feed is not enabled at version ${version} of ${store.root}`,
      {
        context: { table: store.root, version },
        hint: "set the table property delta.enableChangeDataFeed = 'true' and read changes from a later version",
      },
    )
  }
}

function rangeError(store: ObjectStore, message: string): DeltaError {
  return new DeltaError('invalid-version-range', `${message} (table ${store.root})`, {
    context: { table: store.root },
    hint: 'give 0 <= start <= end <= latest version',
  })
}
