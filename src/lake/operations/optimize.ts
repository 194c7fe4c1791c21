/**
 * @module lake/operations/optimize
 * OPTIMIZE (PROTOCOL-NOTES §1.15): per partition, bin-packs the live files smaller than the target
 * size (`targetSizeBytes`, else `delta.targetFileSize`, else 100 MiB as delta-rs) into files of about
 * that size; with ZORDER BY, rewrites every file of each partition sorted by the Z-order key
 * ({@link zorderSql}). Files with deletion vectors are always rewritten (their deleted rows are
 * dropped). All actions carry `dataChange: false` and the commit uses SnapshotIsolation, so it
 * never conflicts with concurrent appends — only with someone removing the same files.
 */
import type { Action, AddAction } from '../protocol/actions.js'
import { DeltaError } from '../lake-errors.js'
import { writeDataFiles } from '../write/data-writer.js'
import { fileScanSql } from '../write/file-scan.js'
import { sqlIdent } from '../sql-executor.js'
import {
  commitOperation,
  numRecords,
  openForWrite,
  removeOf,
  type OperationResult,
  type TableTarget,
} from './transaction.js'
import { zorderSql, ZORDER_COLUMN } from './zorder.js'

/** Options of {@link optimizeTable}. */
export interface OptimizeOptions extends TableTarget {
  /** Target file size in bytes. */
  readonly targetSizeBytes?: number
  /** Columns to Z-order by (not partition columns). */
  readonly zOrderBy?: readonly string[]
  /** Only the partitions with these partition values (`{ batch_day: '2024-06-30' }`; null = NULL). */
  readonly partitionFilter?: Readonly<Record<string, string | null>>
}

/** Metrics of an optimize (delta-rs's names). */
export interface OptimizeMetrics {
  readonly numFilesAdded: number
  readonly numFilesRemoved: number
  readonly partitionsOptimized: number
  readonly totalConsideredFiles: number
  readonly totalFilesSkipped: number
  readonly numBatches: number
}

const DEFAULT_TARGET = 100 * 1024 * 1024

/** Compacts (and optionally Z-orders) the table. Commits nothing when there is nothing to do. */
export async function optimizeTable(
  options: OptimizeOptions,
): Promise<OperationResult<OptimizeMetrics>> {
  const snapshot = await openForWrite(options)
  const zorder = options.zOrderBy ?? []
  for (const c of zorder) {
    if (snapshot.schema.fields.find((f) => f.name === c) === undefined) {
      throw new DeltaError('zorder-unknown-column', `ZORDER BY column '${c}' is not in the table`, {
        hint: `columns: ${snapshot.schema.fields.map((f) => f.name).join(', ')}`,
      })
    }
    if (snapshot.partitionColumns.includes(c)) {
      throw new DeltaError(
        'zorder-partition-column',
        `'${c}' is a partition column; Z-order data columns only`,
      )
    }
  }
  const target =
    options.targetSizeBytes ??
    Number(snapshot.configuration['delta.targetFileSize'] ?? DEFAULT_TARGET)
  const filter = Object.entries(options.partitionFilter ?? {})
  for (const [c] of filter) {
    if (!snapshot.partitionColumns.includes(c)) {
      throw new DeltaError(
        'optimize-partition-filter',
        `'${c}' is not a partition column of the table`,
        {
          hint: `partition columns: ${snapshot.partitionColumns.join(', ') || '(none)'}`,
        },
      )
    }
  }
  const inFilter = (add: AddAction): boolean =>
    filter.every(([c, v]) => {
      const raw = add.partitionValues[c]
      return (raw === undefined || raw === '' ? null : raw) === (v === '' ? null : v)
    })
  const groups = new Map<string, AddAction[]>()
  for (const add of snapshot.files.values()) {
    if (!inFilter(add)) continue
    const k = JSON.stringify(snapshot.partitionColumns.map((c) => add.partitionValues[c] ?? null))
    groups.set(k, [...(groups.get(k) ?? []), add])
  }
  const actions: Action[] = []
  const read: AddAction[] = []
  let added = 0
  let batches = 0
  let partitions = 0
  const columns = snapshot.schema.fields.map((f) => sqlIdent(f.name)).join(', ')
  for (const files of groups.values()) {
    const hasDv = (a: AddAction): boolean =>
      a.deletionVector !== null && a.deletionVector !== undefined
    const chosen = zorder.length > 0 ? files : files.filter((a) => a.size < target || hasDv(a))
    if (
      chosen.length === 0 ||
      (chosen.length === 1 && zorder.length === 0 && !hasDv(chosen[0] as AddAction))
    )
      continue
    partitions++
    batches++
    read.push(...chosen)
    const rows = chosen.reduce((n, a) => n + numRecords(a), 0)
    const bytes = chosen.reduce((n, a) => n + a.size, 0)
    const byteRows =
      rows > 0 ? Math.max(1, Math.ceil(target / Math.max(1, bytes / rows))) : undefined
    // Spread the rows evenly over the files the target size asks for (no small last file).
    const perFile =
      byteRows === undefined ? undefined : Math.ceil(rows / Math.ceil(rows / byteRows))
    const scan = await fileScanSql({
      executor: options.executor,
      store: options.store,
      schema: snapshot.schema,
      partitionColumns: snapshot.partitionColumns,
      files: chosen,
      withFile: false,
    })
    const base = `SELECT ${columns} FROM (${scan})`
    const adds = await writeDataFiles({
      executor: options.executor,
      store: options.store,
      sql: zorder.length > 0 ? zorderSql(base, zorder) : base,
      schema: snapshot.schema,
      partitionColumns: snapshot.partitionColumns,
      configuration: snapshot.configuration,
      dataChange: false,
      ...(zorder.length > 0 ? { orderBy: ZORDER_COLUMN } : {}),
      ...(perFile !== undefined && perFile < rows ? { maxRowsPerFile: perFile } : {}),
    })
    added += adds.length
    actions.push(
      ...chosen.map((f) => ({ remove: removeOf(f, false) })),
      ...adds.map((add) => ({ add })),
    )
  }
  const metrics: OptimizeMetrics = {
    numFilesAdded: added,
    numFilesRemoved: read.length,
    partitionsOptimized: partitions,
    totalConsideredFiles: snapshot.files.size,
    totalFilesSkipped: snapshot.files.size - read.length,
    numBatches: batches,
  }
  if (actions.length === 0) return { version: snapshot.version, metrics }
  const result = await commitOperation(options, snapshot, {
    operation: 'OPTIMIZE',
    operationParameters: {
      predicate: JSON.stringify(
        filter.map(([c, v]) => (v === null ? `${c} IS NULL` : `${c} = '${v}'`)),
      ),
      zOrderBy: JSON.stringify(zorder),
      targetSize: String(target),
    },
    operationMetrics: { ...metrics },
    actions,
    scope: { readFiles: read.map((f) => f.path), isolation: 'SnapshotIsolation' },
  })
  return {
    version: result.version,
    metrics,
    ...(result.checkpoint === undefined ? {} : { checkpoint: result.checkpoint }),
    warnings: result.warnings,
  }
}
