/**
 * @module lake/operations/merge
 * MERGE by key (upsert), copy-on-write:
 *
 * 1. The source is staged (`merge-source.ts`); a NULL in a key column or two source rows with the
 *    same key are errors (a NULL key never matches, so it would silently duplicate; Spark refuses
 *    duplicate matches).
 * 2. Candidate files = live files whose partition values and min/max stats may hold a source key
 *    ({@link mayContainKeys}); only they are read.
 * 3. Files holding at least one matched row are rewritten: their unmatched rows are copied, their
 *    matched rows updated (or dropped for `whenMatched: 'delete'`); unmatched source rows are
 *    inserted into new files. Files without a match stay untouched.
 * 4. With CDF on, `update_preimage`/`update_postimage`/`delete`/`insert` rows go to `_change_data`
 *    — unless no file was rewritten (inserts only): then the commit's adds are the feed.
 *
 * Keys compare null-safely (`IS NOT DISTINCT FROM`), several key columns are allowed. The SQL of
 * each step is built in `merge-sql.ts`.
 */
import { randomUUID } from 'node:crypto'
import type { Action, AddAction } from '../protocol/actions.js'
import { DeltaError, SchemaMismatchError } from '../lake-errors.js'
import type { StructType } from '../protocol/schema.js'
import type { Snapshot } from '../snapshot.js'
import { sqlIdent } from '../sql-executor.js'
import { writeDataFiles } from '../write/data-writer.js'
import { fileScanSql, FILE_COLUMN, scanFileId } from '../write/file-scan.js'
import { writeCdcFiles } from '../write/cdc-writer.js'
import { reconcileSchema } from '../write/schema-merge.js'
import { describeSource } from '../write/source-schema.js'
import { keyProbes, mayContainKeys, type KeyProbe } from './merge-pruning.js'
import { keyJoin, mergeSql, type MergeSql } from './merge-sql.js'
import { count, stageSource } from './merge-source.js'
import { cdfEnabled, requiredProtocol } from './writer-protocol.js'
import {
  commitOperation,
  numRecords,
  openForWrite,
  removeOf,
  type OperationResult,
  type TableTarget,
} from './transaction.js'

/** Options of {@link mergeTable}. */
export interface MergeOptions extends TableTarget {
  /** The source rows. */
  readonly sql: string
  /** Key columns (present in the table and the source). */
  readonly keys: readonly string[]
  /** What to do with a target row whose key is in the source (default `update`). */
  readonly whenMatched?: 'update' | 'delete' | 'ignore'
  /** What to do with a source row whose key is not in the table (default `insert`). */
  readonly whenNotMatched?: 'insert' | 'ignore'
  /** Add new source columns to the table schema. */
  readonly mergeSchema?: boolean
}

/** Metrics of a merge (Spark's names). */
export interface MergeMetrics {
  readonly numSourceRows: number
  readonly numTargetRowsInserted: number
  readonly numTargetRowsUpdated: number
  readonly numTargetRowsDeleted: number
  readonly numTargetRowsCopied: number
  readonly numTargetFilesAdded: number
  readonly numTargetFilesRemoved: number
  /** Files read because they may hold a source key. */
  readonly numTargetFilesScanned: number
  /** Files skipped by partition values and stats. */
  readonly numTargetFilesSkipped: number
}

/** Merges source rows into the table by key. */
export async function mergeTable(options: MergeOptions): Promise<OperationResult<MergeMetrics>> {
  const snapshot = await openForWrite(options)
  const whenMatched = options.whenMatched ?? 'update'
  const whenNotMatched = options.whenNotMatched ?? 'insert'
  const plan = await planMerge(options, snapshot)
  const id = randomUUID().replaceAll('-', '')
  const src = `__pw_merge_src_${id}`
  const matched = `__pw_merge_matched_${id}`
  try {
    const numSourceRows = await stageSource({ ...options, ...plan }, src, whenNotMatched)
    const match = await matchTarget(options, snapshot, plan, src, matched, whenMatched)
    const scanOpts = {
      executor: options.executor,
      store: options.store,
      schema: plan.schema,
      partitionColumns: snapshot.partitionColumns,
    }
    const sql = mergeSql({
      schema: plan.schema,
      keys: plan.keys,
      sourceColumns: new Set(plan.source.fields.map((f) => f.name.toLowerCase())),
      source: src,
      matched,
      touchedScan:
        match.touched.length === 0
          ? ''
          : await fileScanSql({ ...scanOpts, files: match.touched, withFile: false }),
      whenMatched,
    })
    const numInserted =
      whenNotMatched === 'insert' ? await count(options.executor, sql.inserted) : 0
    const parts = match.touched.length === 0 ? [] : [sql.rewritten]
    if (whenNotMatched === 'insert') parts.push(sql.inserted)
    const adds: AddAction[] =
      match.touched.length === 0 && numInserted === 0
        ? []
        : await writeDataFiles({
            ...scanOpts,
            sql: parts.join(' UNION ALL '),
            configuration: snapshot.configuration,
          })
    const actions: Action[] = plan.reconciled.changed ? schemaActions(snapshot, plan.schema) : []
    actions.push(
      ...match.touched.map((f) => ({ remove: removeOf(f) })),
      ...adds.map((add) => ({ add })),
    )
    // Change data files only when rows changed in place: a merge that only inserts (a new race)
    // writes none — CDF readers take a commit without `cdc` actions as its adds' inserts
    // (PROTOCOL.md "Change Data Files"). With any touched file, the inserts go to the feed too.
    if (cdfEnabled(snapshot.metadata) && match.touched.length > 0) {
      const changes = changeQueries(sql, whenMatched, numInserted)
      const cdc = await writeCdcFiles({ ...scanOpts, sql: changes.join(' UNION ALL ') })
      actions.push(...cdc.map((c) => ({ cdc: c })))
    }
    const metrics: MergeMetrics = {
      numSourceRows,
      numTargetRowsInserted: numInserted,
      numTargetRowsUpdated: whenMatched === 'update' ? match.numMatched : 0,
      numTargetRowsDeleted: whenMatched === 'delete' ? match.numMatched : 0,
      // Rows written = copied + updated + inserted (from the new files' footers): no extra pass.
      numTargetRowsCopied:
        adds.reduce((n, a) => n + numRecords(a), 0) -
        (whenMatched === 'update' ? match.numMatched : 0) -
        numInserted,
      numTargetFilesAdded: adds.length,
      numTargetFilesRemoved: match.touched.length,
      numTargetFilesScanned: match.candidates.length,
      numTargetFilesSkipped: snapshot.files.size - match.candidates.length,
    }
    if (match.touched.length === 0 && adds.length === 0 && !plan.reconciled.changed) {
      return { version: snapshot.version, metrics }
    }
    const result = await commitOperation(options, snapshot, {
      operation: 'MERGE',
      operationParameters: mergeParameters(plan.keys, whenMatched, whenNotMatched),
      operationMetrics: { ...metrics },
      actions,
      scope: {
        readFiles: match.candidates.map((f) => f.path),
        mayMatch: (a) => mayContainKeys(a, match.probes),
      },
    })
    return {
      version: result.version,
      metrics,
      ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
      warnings: result.warnings,
    }
  } finally {
    await options.executor.run(`DROP TABLE IF EXISTS ${src}`)
    await options.executor.run(`DROP TABLE IF EXISTS ${matched}`)
  }
}

/** The source's schema, the reconciled table schema and the key columns (table names). */
interface MergePlan {
  readonly source: StructType
  readonly schema: StructType
  readonly reconciled: { readonly changed: boolean }
  readonly keys: readonly string[]
}

async function planMerge(options: MergeOptions, snapshot: Snapshot): Promise<MergePlan> {
  if (options.keys.length === 0)
    throw new DeltaError('merge-no-keys', 'merge needs at least one key column')
  const source = await describeSource(options.executor, options.sql)
  const reconciled = reconcileSchema(snapshot.schema, source, {
    ...(options.mergeSchema === undefined ? {} : { mergeSchema: options.mergeSchema }),
    tableName: options.store.root,
  })
  const schema = reconciled.schema
  const keys = options.keys.map((k) => {
    const f = schema.fields.find((x) => x.name.toLowerCase() === k.toLowerCase())
    const s = source.fields.find((x) => x.name.toLowerCase() === k.toLowerCase())
    if (f === undefined || s === undefined) {
      throw new SchemaMismatchError(
        `merge key '${k}' must be a column of both the table and the source`,
      )
    }
    return f.name
  })
  return { source, schema, reconciled, keys }
}

/** Which target files may hold a source key, which rows match, and which files they are in. */
interface TargetMatch {
  readonly probes: KeyProbe[]
  readonly candidates: readonly AddAction[]
  readonly touched: readonly AddAction[]
  readonly numMatched: number
}

/**
 * One streaming pass over the candidate files (those whose partition values and stats may hold a
 * source key) into `matched`: which target rows match, in which file. The target is never
 * materialised; only touched files are read again, to rewrite them.
 */
async function matchTarget(
  options: MergeOptions,
  snapshot: Snapshot,
  plan: MergePlan,
  src: string,
  matched: string,
  whenMatched: 'update' | 'delete' | 'ignore',
): Promise<TargetMatch> {
  const { executor, store } = options
  const probes = await keyProbes(executor, src, plan.schema, plan.keys, snapshot.partitionColumns)
  const candidates = snapshot.addActions.filter((a) => mayContainKeys(a, probes))
  const scan = await fileScanSql({
    executor,
    store,
    schema: plan.schema,
    partitionColumns: snapshot.partitionColumns,
    files: candidates,
  })
  const keyCols = plan.keys.map((k) => `s.${sqlIdent(k)}`).join(', ')
  await executor.run(
    `CREATE TEMP TABLE ${matched} AS SELECT t.${FILE_COLUMN} AS __pw_f, ${keyCols} ` +
      `FROM (${scan}) t JOIN ${src} s ON ${keyJoin(plan.keys, 't', 's')}`,
  )
  const numMatched = await count(executor, `SELECT * FROM ${matched}`)
  const touchedPaths =
    whenMatched === 'ignore'
      ? new Set<string>()
      : new Set(
          (await executor.all(`SELECT DISTINCT __pw_f FROM ${matched}`)).map((r) =>
            String(r['__pw_f']),
          ),
        )
  const touched = candidates.filter((a) => touchedPaths.has(scanFileId(store, a)))
  return { probes, candidates, touched, numMatched }
}

/** The change data feed queries of a merge that rewrote files (images from the touched files). */
function changeQueries(
  sql: MergeSql,
  whenMatched: 'update' | 'delete' | 'ignore',
  numInserted: number,
): string[] {
  const changes: string[] = []
  if (whenMatched === 'update') {
    changes.push(`SELECT *, 'update_preimage' AS _change_type FROM (${sql.matchedOld})`)
    changes.push(`SELECT *, 'update_postimage' AS _change_type FROM (${sql.updated})`)
  }
  if (whenMatched === 'delete')
    changes.push(`SELECT *, 'delete' AS _change_type FROM (${sql.matchedOld})`)
  if (numInserted > 0) changes.push(`SELECT *, 'insert' AS _change_type FROM (${sql.inserted})`)
  return changes
}

function mergeParameters(
  keys: readonly string[],
  whenMatched: 'update' | 'delete' | 'ignore',
  whenNotMatched: 'insert' | 'ignore',
): Record<string, string> {
  return {
    predicate: JSON.stringify([keys.map((k) => `t.${k} <=> s.${k}`).join(' AND ')]),
    matchedPredicates: JSON.stringify(
      whenMatched === 'ignore' ? [] : [{ actionType: whenMatched }],
    ),
    notMatchedPredicates: JSON.stringify(
      whenNotMatched === 'ignore' ? [] : [{ actionType: 'insert' }],
    ),
  }
}

/** The metaData (and protocol upgrade) of a merge that adds columns. */
function schemaActions(snapshot: Snapshot, schema: StructType): Action[] {
  const metaData = { ...snapshot.metadata, schemaString: JSON.stringify(schema) }
  const protocol = requiredProtocol(schema, metaData.configuration, snapshot.protocol)
  return JSON.stringify(protocol) !== JSON.stringify(snapshot.protocol)
    ? [{ protocol }, { metaData }]
    : [{ metaData }]
}
