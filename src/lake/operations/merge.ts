/**
 * @module lake/operations/merge
 * MERGE by key (upsert), copy-on-write:
 *
 * 1. The source is staged; a NULL in a key column or two source rows with the same key are errors
 *    (a NULL key never matches, so it would silently duplicate; Spark refuses duplicate matches).
 * 2. Candidate files = live files whose partition values and min/max stats may hold a source key
 *    ({@link mayContainKeys}); only they are read.
 * 3. Files holding at least one matched row are rewritten: their unmatched rows are copied, their
 *    matched rows updated (or dropped for `whenMatched: 'delete'`); unmatched source rows are
 *    inserted into new files. Files without a match stay untouched.
 * 4. With CDF on, `update_preimage`/`update_postimage`/`delete`/`insert` rows go to `_change_data`.
 *
 * Keys compare null-safely (`IS NOT DISTINCT FROM`), several key columns are allowed.
 */
import { randomUUID } from 'node:crypto'
import type { Action, AddAction } from '../protocol/actions.js'
import { DeltaError, SchemaMismatchError } from '../lake-errors.js'
import { sqlIdent } from '../sql-executor.js'
import { writeDataFiles } from '../write/data-writer.js'
import { fileScanSql, FILE_COLUMN, scanFileId } from '../write/file-scan.js'
import { writeCdcFiles } from '../write/cdc-writer.js'
import { reconcileSchema } from '../write/schema-merge.js'
import { checkNotNull, describeSource, projectToSchema } from '../write/source-schema.js'
import { keyProbes, mayContainKeys } from './merge-pruning.js'
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
  const { executor } = options
  const snapshot = await openForWrite(options)
  const whenMatched = options.whenMatched ?? 'update'
  const whenNotMatched = options.whenNotMatched ?? 'insert'
  if (options.keys.length === 0)
    throw new DeltaError('merge-no-keys', 'merge needs at least one key column')
  const source = await describeSource(executor, options.sql)
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
  const id = randomUUID().replaceAll('-', '')
  const src = `__pw_merge_src_${id}`
  const matched = `__pw_merge_matched_${id}`
  try {
    await executor.run(
      `CREATE TEMP TABLE ${src} AS ${projectToSchema(options.sql, source, schema)}`,
    )
    await checkSourceKeys(options, src, keys)
    // NOT NULL columns: written from the source (updates keep target values of absent columns).
    const inSource = new Set(source.fields.map((f) => f.name.toLowerCase()))
    const checked = schema.fields.filter(
      (f) => whenNotMatched === 'insert' || inSource.has(f.name.toLowerCase()),
    )
    await checkNotNull(executor, `SELECT * FROM ${src}`, { type: 'struct', fields: checked })
    const numSourceRows = Number(
      (await executor.all(`SELECT count(*) AS n FROM ${src}`))[0]?.['n'] ?? 0,
    )
    const probes = await keyProbes(executor, src, schema, keys, snapshot.partitionColumns)
    const candidates = snapshot.addActions.filter((a) => mayContainKeys(a, probes))
    const scanOpts = {
      executor,
      store: options.store,
      schema,
      partitionColumns: snapshot.partitionColumns,
    }
    const on = keys
      .map((k) => `t.${sqlIdent(k)} IS NOT DISTINCT FROM s.${sqlIdent(k)}`)
      .join(' AND ')
    const keyCols = keys.map((k) => `s.${sqlIdent(k)}`).join(', ')
    // One streaming pass over the candidate files: which target rows match, in which file. The
    // target is never materialised; only touched files are read again, to rewrite them.
    await executor.run(
      `CREATE TEMP TABLE ${matched} AS SELECT t.${FILE_COLUMN} AS __pw_f, ${keyCols} ` +
        `FROM (${await fileScanSql({ ...scanOpts, files: candidates })}) t JOIN ${src} s ON ${on}`,
    )
    const numMatched = Number(
      (await executor.all(`SELECT count(*) AS n FROM ${matched}`))[0]?.['n'] ?? 0,
    )
    const touchedPaths =
      whenMatched === 'ignore'
        ? new Set<string>()
        : new Set(
            (await executor.all(`SELECT DISTINCT __pw_f FROM ${matched}`)).map((r) =>
              String(r['__pw_f']),
            ),
          )
    const touched = candidates.filter((a) => touchedPaths.has(scanFileId(options.store, a)))
    const sourceCols = new Set(source.fields.map((f) => f.name.toLowerCase()))
    const col = (name: string): string => sqlIdent(name)
    const isMatch = `s.${sqlIdent(keys[0] as string)} IS NOT NULL` // source keys are never NULL
    const tCols = schema.fields.map((f) => `t.${col(f.name)}`).join(', ')
    const sCols = schema.fields.map((f) => `s.${col(f.name)}`).join(', ')
    const updCols = schema.fields
      .map((f) => (sourceCols.has(f.name.toLowerCase()) ? `s.${col(f.name)}` : `t.${col(f.name)}`))
      .join(', ')
    const rewriteCols = schema.fields
      .map((f) =>
        whenMatched === 'update' && sourceCols.has(f.name.toLowerCase())
          ? `CASE WHEN ${isMatch} THEN s.${col(f.name)} ELSE t.${col(f.name)} END AS ${col(f.name)}`
          : `t.${col(f.name)}`,
      )
      .join(', ')
    const touchedScan =
      touched.length === 0
        ? ''
        : await fileScanSql({ ...scanOpts, files: touched, withFile: false })
    // Touched files in one pass: unmatched rows copied, matched rows updated (or dropped).
    const rewritten =
      `SELECT ${rewriteCols} FROM (${touchedScan}) t LEFT JOIN ${src} s ON ${on}` +
      (whenMatched === 'delete' ? ` WHERE NOT (${isMatch})` : '')
    const mOn = keys
      .map((k) => `m.${sqlIdent(k)} IS NOT DISTINCT FROM s.${sqlIdent(k)}`)
      .join(' AND ')
    const inserted = `SELECT ${sCols} FROM ${src} s WHERE NOT EXISTS (SELECT 1 FROM ${matched} m WHERE ${mOn})`
    const matchedOld = `SELECT ${tCols} FROM (${touchedScan}) t JOIN ${src} s ON ${on}`
    const updated = `SELECT ${updCols} FROM (${touchedScan}) t JOIN ${src} s ON ${on}`
    const parts = touched.length === 0 ? [] : [rewritten]
    if (whenNotMatched === 'insert') parts.push(inserted)
    const numInserted =
      whenNotMatched === 'insert'
        ? Number((await executor.all(`SELECT count(*) AS n FROM (${inserted})`))[0]?.['n'] ?? 0)
        : 0
    const adds: AddAction[] =
      touched.length === 0 && numInserted === 0
        ? []
        : await writeDataFiles({
            ...scanOpts,
            sql: parts.join(' UNION ALL '),
            configuration: snapshot.configuration,
          })
    const actions: Action[] = []
    if (reconciled.changed) {
      const metaData = { ...snapshot.metadata, schemaString: JSON.stringify(schema) }
      const protocol = requiredProtocol(schema, metaData.configuration, snapshot.protocol)
      if (JSON.stringify(protocol) !== JSON.stringify(snapshot.protocol)) actions.push({ protocol })
      actions.push({ metaData })
    }
    actions.push(...touched.map((f) => ({ remove: removeOf(f) })), ...adds.map((add) => ({ add })))
    if (cdfEnabled(snapshot.metadata) && (touched.length > 0 || numInserted > 0)) {
      const changes: string[] = []
      // Pre/post images and deletes come from touched files only: with none (an insert-only
      // merge) there is no matched row and no scan to read them from.
      if (touched.length > 0 && whenMatched === 'update') {
        changes.push(`SELECT *, 'update_preimage' AS _change_type FROM (${matchedOld})`)
        changes.push(`SELECT *, 'update_postimage' AS _change_type FROM (${updated})`)
      }
      if (touched.length > 0 && whenMatched === 'delete')
        changes.push(`SELECT *, 'delete' AS _change_type FROM (${matchedOld})`)
      if (whenNotMatched === 'insert' && numInserted > 0)
        changes.push(`SELECT *, 'insert' AS _change_type FROM (${inserted})`)
      const cdc = await writeCdcFiles({ ...scanOpts, sql: changes.join(' UNION ALL ') })
      actions.push(...cdc.map((c) => ({ cdc: c })))
    }
    const metrics: MergeMetrics = {
      numSourceRows,
      numTargetRowsInserted: numInserted,
      numTargetRowsUpdated: whenMatched === 'update' ? numMatched : 0,
      numTargetRowsDeleted: whenMatched === 'delete' ? numMatched : 0,
      // Rows written = copied + updated + inserted (from the new files' footers): no extra pass.
      numTargetRowsCopied:
        adds.reduce((n, a) => n + numRecords(a), 0) -
        (whenMatched === 'update' ? numMatched : 0) -
        numInserted,
      numTargetFilesAdded: adds.length,
      numTargetFilesRemoved: touched.length,
      numTargetFilesScanned: candidates.length,
      numTargetFilesSkipped: snapshot.files.size - candidates.length,
    }
    if (touched.length === 0 && adds.length === 0 && !reconciled.changed) {
      return { version: snapshot.version, metrics }
    }
    const result = await commitOperation(options, snapshot, {
      operation: 'MERGE',
      operationParameters: {
        predicate: JSON.stringify([keys.map((k) => `t.${k} <=> s.${k}`).join(' AND ')]),
        matchedPredicates: JSON.stringify(
          whenMatched === 'ignore' ? [] : [{ actionType: whenMatched }],
        ),
        notMatchedPredicates: JSON.stringify(
          whenNotMatched === 'ignore' ? [] : [{ actionType: 'insert' }],
        ),
      },
      operationMetrics: { ...metrics },
      actions,
      scope: {
        readFiles: candidates.map((f) => f.path),
        mayMatch: (a) => mayContainKeys(a, probes),
      },
    })
    return {
      version: result.version,
      metrics,
      ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
      warnings: result.warnings,
    }
  } finally {
    await executor.run(`DROP TABLE IF EXISTS ${src}`)
    await executor.run(`DROP TABLE IF EXISTS ${matched}`)
  }
}

async function checkSourceKeys(
  options: MergeOptions,
  src: string,
  keys: readonly string[],
): Promise<void> {
  const anyNull = keys.map((k) => `${sqlIdent(k)} IS NULL`).join(' OR ')
  const nulls = Number(
    (await options.executor.all(`SELECT count(*) AS n FROM ${src} WHERE ${anyNull}`))[0]?.['n'] ??
      0,
  )
  if (nulls > 0) {
    throw new DeltaError(
      'merge-null-key',
      `${nulls} source row(s) have NULL in merge key column(s) ${keys.join(', ')}; a NULL key never matches and would insert duplicates`,
      { hint: 'filter or fill NULL keys in the source before merging' },
    )
  }
  const keyList = keys.map(sqlIdent).join(', ')
  const dups = await options.executor.all(
    `SELECT ${keyList}, count(*) AS n FROM ${src} GROUP BY ${keyList} HAVING count(*) > 1 LIMIT 3`,
  )
  if (dups.length > 0) {
    const shown = dups.map((r) => keys.map((k) => String(r[k])).join('/')).join(', ')
    throw new DeltaError(
      'merge-duplicate-source-keys',
      `the merge source has several rows for the same key (${keys.join(', ')} = ${shown}); each target row may match at most one source row`,
      { hint: 'deduplicate the source (e.g. keep the latest row per key) before merging' },
    )
  }
}
