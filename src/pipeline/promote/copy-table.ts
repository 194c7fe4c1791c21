/**
 * @module pipeline/promote/copy-table
 * A full (deep) copy of a Delta table into another catalog, as Databricks' `CREATE OR REPLACE
 * TABLE … DEEP CLONE`: the target gets a new version holding the source's rows, schema,
 * partitioning and properties, with its own history kept (time travel on prod still shows what
 * was there before). The commit carries a `txn` (app `pitwall-promote:<source table>`, version =
 * source version + 1), so promoting the same source version again commits nothing.
 */
import type { Engine } from '../../engine/index.js'
import { loadSnapshot, scanSql, writeTable, type ObjectStoreFactory } from '../../lake/index.js'

/** Options of {@link copyTable}. */
export interface CopyTableOptions {
  readonly engine: Engine
  readonly storeFor: ObjectStoreFactory
  /** `catalog.schema.table` of the source, for the txn app id. */
  readonly sourceName: string
  readonly sourceLocation: string
  readonly targetLocation: string
}

/** What a copy did. */
export interface CopyTableResult {
  readonly sourceVersion: number
  readonly targetVersion: number
  readonly rows: number
  /** True when the target already held this source version (nothing committed). */
  readonly upToDate: boolean
}

/** Copies the source's current version over the target. */
export async function copyTable(options: CopyTableOptions): Promise<CopyTableResult> {
  const source = await loadSnapshot(options.storeFor(options.sourceLocation), {
    sql: options.engine,
  })
  const sql = await scanSql(source, { sql: options.engine })
  const result = await writeTable({
    store: options.storeFor(options.targetLocation),
    executor: options.engine,
    sql,
    mode: 'overwrite',
    overwriteSchema: true,
    partitionColumns: source.partitionColumns,
    configuration: source.configuration,
    txn: { appId: `pitwall-promote:${options.sourceName}`, version: source.version + 1 },
  })
  return {
    sourceVersion: source.version,
    targetVersion: result.version,
    rows: result.metrics.skipped ? 0 : result.metrics.numOutputRows,
    upToDate: result.metrics.skipped,
  }
}
