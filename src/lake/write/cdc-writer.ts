/**
 * @module lake/write/cdc-writer
 * Change data files (PROTOCOL.md "Change Data Files"; PROTOCOL-NOTES §1.10): the changed rows of an
 * UPDATE, DELETE or MERGE with a `_change_type` column (`insert`, `update_preimage`,
 * `update_postimage`, `delete`), written under `_change_data/` partitioned like the table and
 * committed as `cdc` actions (`dataChange: false`) in the same commit as the data change.
 */
import type { CdcAction } from '../protocol/actions.js'
import type { SqlExecutor } from '../sql-executor.js'
import type { ObjectStore } from '../store/object-store.js'
import type { DeltaSchema } from './delta-types.js'
import { writeDataFiles } from './data-writer.js'

/** The CDF change-type column. */
export const CHANGE_TYPE_COLUMN = '_change_type'

/** Options of {@link writeCdcFiles}. */
export interface CdcWriteOptions {
  readonly executor: SqlExecutor
  readonly store: ObjectStore
  /** A query giving the table's columns plus `_change_type`. */
  readonly sql: string
  readonly schema: DeltaSchema
  readonly partitionColumns: readonly string[]
}

/** Writes `_change_data` files and returns their `cdc` actions. */
export async function writeCdcFiles(options: CdcWriteOptions): Promise<CdcAction[]> {
  const schema: DeltaSchema = {
    type: 'struct',
    fields: [
      ...options.schema.fields,
      { name: CHANGE_TYPE_COLUMN, type: 'string', nullable: true, metadata: {} },
    ],
  }
  const adds = await writeDataFiles({
    executor: options.executor,
    store: options.store,
    sql: options.sql,
    schema,
    partitionColumns: options.partitionColumns,
    dataChange: false,
    baseDir: '_change_data',
    filePrefix: 'cdc',
  })
  return adds.map((a) => ({
    path: a.path,
    partitionValues: a.partitionValues,
    size: a.size,
    dataChange: false,
  }))
}
