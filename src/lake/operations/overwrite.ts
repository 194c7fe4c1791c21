/**
 * @module lake/operations/overwrite
 * What an overwrite removes, for WRITE in mode `overwrite`: the whole table, the rows matching a
 * `replaceWhere` predicate (copy-on-write, see `copy-on-write.ts`), or the partitions the new rows
 * fall in (dynamic partition overwrite, decided from partition values alone — no data is read).
 * Also checks that every row of a `replaceWhere` overwrite satisfies its predicate.
 */
import type { Action, AddAction } from '../protocol/actions.js'
import { DeltaError } from '../lake-errors.js'
import type { SqlExecutor } from '../sql-executor.js'
import type { Snapshot } from '../snapshot.js'
import type { ReadScope } from '../log/commit-conflicts.js'
import { removeMatchingRows } from './copy-on-write.js'
import { removeOf, type TableTarget } from './transaction.js'

/** What to replace. */
export interface OverwriteOptions {
  /** Only the rows matching this SQL predicate. */
  readonly replaceWhere?: string
  /** Only the partitions of the new files. */
  readonly partitionOverwrite?: boolean
}

/** The removals of an overwrite and what it read (for conflict detection). */
export interface OverwritePlan {
  readonly actions: Action[]
  readonly removedFiles: number
  readonly copiedRows: number
  readonly scope: Pick<ReadScope, 'wholeTable' | 'readFiles' | 'mayMatch'>
}

/**
 * Refuses a `replaceWhere` overwrite whose new rows do not all satisfy the predicate.
 * @throws DeltaError `replace-where-violation` with the number of offending rows.
 */
export async function checkReplaceWhere(
  executor: SqlExecutor,
  rows: string,
  predicate: string,
): Promise<void> {
  const bad = await executor.all(
    `SELECT count(*) AS n FROM (${rows}) WHERE (${predicate}) IS NOT TRUE`,
  )
  if (Number(bad[0]?.['n'] ?? 0) > 0) {
    throw new DeltaError(
      'replace-where-violation',
      `${String(bad[0]?.['n'])} written row(s) do not satisfy replaceWhere '${predicate}'`,
      { hint: 'every row of a replaceWhere overwrite must match the predicate' },
    )
  }
}

/** The removals of an overwrite of `snapshot` by the files `adds`. */
export async function overwritePlan(
  target: TableTarget,
  snapshot: Snapshot,
  adds: readonly AddAction[],
  partitionColumns: readonly string[],
  options: OverwriteOptions,
): Promise<OverwritePlan> {
  if (options.replaceWhere !== undefined) {
    const cow = await removeMatchingRows(target, snapshot, options.replaceWhere)
    return {
      actions: cow.actions,
      removedFiles: cow.filesRemoved,
      copiedRows: cow.rowsCopied,
      scope: { readFiles: cow.filesRead.map((f) => f.path), mayMatch: () => true },
    }
  }
  if (options.partitionOverwrite === true) {
    const keys = new Set(adds.map((a) => JSON.stringify(a.partitionValues)))
    const inPartitions = (a: AddAction): boolean =>
      keys.has(JSON.stringify(normalise(a, partitionColumns)))
    const old = snapshot.addActions.filter(inPartitions)
    return {
      actions: old.map((f) => ({ remove: removeOf(f) })),
      removedFiles: old.length,
      copiedRows: 0,
      scope: { readFiles: old.map((f) => f.path), mayMatch: inPartitions },
    }
  }
  return {
    actions: snapshot.addActions.map((f) => ({ remove: removeOf(f) })),
    removedFiles: snapshot.files.size,
    copiedRows: 0,
    scope: { wholeTable: true },
  }
}

/** Partition values with every partition column present and '' as null (as the writer emits). */
function normalise(
  add: AddAction,
  partitionColumns: readonly string[],
): Record<string, string | null> {
  return Object.fromEntries(
    partitionColumns.map((c) => {
      const v = add.partitionValues[c]
      return [c, v === undefined || v === '' ? null : v]
    }),
  )
}
