/**
 * @module lake/operations/update
 * UPDATE … SET col = expr WHERE predicate, copy-on-write: files with at least one matching row are
 * rewritten in one pass (`CASE WHEN predicate THEN expr ELSE col END` per assigned column), other
 * files stay; deletion vectors of rewritten files are honoured; with CDF on, the changed rows go to
 * `_change_data` as `update_preimage`/`update_postimage`.
 */
import type { Action } from '../protocol/actions.js'
import { DeltaError } from '../lake-errors.js'
import { duckDbType } from '../protocol/schema.js'
import { sqlIdent } from '../sql-executor.js'
import { writeDataFiles } from '../write/data-writer.js'
import { fileScanSql, FILE_COLUMN, scanFileId } from '../write/file-scan.js'
import { writeCdcFiles } from '../write/cdc-writer.js'
import { cdfEnabled } from './writer-protocol.js'
import {
  commitOperation,
  openForWrite,
  removeOf,
  type OperationResult,
  type TableTarget,
} from './transaction.js'

/** Options of {@link updateRows}. */
export interface UpdateOptions extends TableTarget {
  /** Column → SQL expression over the table's columns. */
  readonly set: Readonly<Record<string, string>>
  /** SQL predicate; omitted = every row. */
  readonly predicate?: string
}

/** Metrics of an update. */
export interface UpdateMetrics {
  readonly numUpdatedRows: number
  readonly numCopiedRows: number
  readonly numRemovedFiles: number
  readonly numAddedFiles: number
}

/** Updates rows. Commits nothing when no row matches. */
export async function updateRows(options: UpdateOptions): Promise<OperationResult<UpdateMetrics>> {
  const snapshot = await openForWrite(options)
  const predicate = options.predicate ?? 'true'
  const assigned = new Map<string, string>()
  for (const [name, expr] of Object.entries(options.set)) {
    const f = snapshot.schema.fields.find((x) => x.name.toLowerCase() === name.toLowerCase())
    if (f === undefined) {
      throw new DeltaError(
        'update-unknown-column',
        `UPDATE sets '${name}', which is not a column of the table`,
        {
          hint: `columns: ${snapshot.schema.fields.map((x) => x.name).join(', ')}`,
        },
      )
    }
    if (snapshot.partitionColumns.includes(f.name)) {
      throw new DeltaError(
        'update-partition-column',
        `UPDATE cannot set partition column '${f.name}'; overwrite the partition instead`,
      )
    }
    assigned.set(f.name, `CAST((${expr}) AS ${duckDbType(f.type)})`)
  }
  const scanOpts = {
    executor: options.executor,
    store: options.store,
    schema: snapshot.schema,
    partitionColumns: snapshot.partitionColumns,
  }
  const files = snapshot.addActions
  const counts = await options.executor.all(
    `SELECT ${FILE_COLUMN} AS f, count(*) FILTER (WHERE (${predicate}) IS TRUE) AS hit, count(*) AS n ` +
      `FROM (${await fileScanSql({ ...scanOpts, files })}) GROUP BY 1 HAVING hit > 0`,
  )
  const hitPaths = new Set(counts.map((r) => String(r['f'])))
  const touched = files.filter((f) => hitPaths.has(scanFileId(options.store, f)))
  const numUpdatedRows = counts.reduce((n, r) => n + Number(r['hit']), 0)
  const numCopiedRows = counts.reduce((n, r) => n + Number(r['n']) - Number(r['hit']), 0)
  if (touched.length === 0) {
    return {
      version: snapshot.version,
      metrics: { numUpdatedRows: 0, numCopiedRows: 0, numRemovedFiles: 0, numAddedFiles: 0 },
    }
  }
  const scan = await fileScanSql({ ...scanOpts, files: touched, withFile: false })
  const cols = snapshot.schema.fields.map((f) => sqlIdent(f.name))
  const newCols = snapshot.schema.fields.map((f) => {
    const expr = assigned.get(f.name)
    return expr === undefined
      ? sqlIdent(f.name)
      : `CASE WHEN (${predicate}) IS TRUE THEN ${expr} ELSE ${sqlIdent(f.name)} END AS ${sqlIdent(f.name)}`
  })
  const adds = await writeDataFiles({
    ...scanOpts,
    sql: `SELECT ${newCols.join(', ')} FROM (${scan})`,
    configuration: snapshot.configuration,
  })
  const actions: Action[] = [
    ...touched.map((f) => ({ remove: removeOf(f) })),
    ...adds.map((add) => ({ add })),
  ]
  if (cdfEnabled(snapshot.metadata)) {
    const post = snapshot.schema.fields.map((f) => {
      const expr = assigned.get(f.name)
      return expr === undefined ? sqlIdent(f.name) : `${expr} AS ${sqlIdent(f.name)}`
    })
    const cdc = await writeCdcFiles({
      ...scanOpts,
      sql:
        `SELECT ${cols.join(', ')}, 'update_preimage' AS _change_type FROM (${scan}) WHERE (${predicate}) IS TRUE ` +
        `UNION ALL SELECT ${post.join(', ')}, 'update_postimage' AS _change_type FROM (${scan}) WHERE (${predicate}) IS TRUE`,
    })
    actions.push(...cdc.map((c) => ({ cdc: c })))
  }
  const metrics: UpdateMetrics = {
    numUpdatedRows,
    numCopiedRows,
    numRemovedFiles: touched.length,
    numAddedFiles: adds.length,
  }
  const result = await commitOperation(options, snapshot, {
    operation: 'UPDATE',
    operationParameters: {
      predicate: JSON.stringify(options.predicate === undefined ? [] : [options.predicate]),
    },
    operationMetrics: { ...metrics },
    actions,
    scope: { readFiles: files.map((f) => f.path), mayMatch: () => true },
  })
  return {
    version: result.version,
    metrics,
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}
