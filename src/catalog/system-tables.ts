/**
 * @module catalog/system-tables
 * The catalog's own Delta tables in `<catalog>.system` (grants, principals, group members, tokens,
 * the audit log): where they live, reading them whole (they are small) and writing them. A table
 * that does not exist yet reads as `undefined`, so callers fall back to their defaults.
 */
import type { Engine, ResultRow } from '../engine/index.js'
import {
  LogStore,
  NotADeltaTableError,
  joinLocation,
  loadSnapshot,
  scanSql,
  writeTable,
  type ObjectStoreFactory,
  type WriteMode,
} from '../lake/index.js'
import { layerTableProperties } from './table-properties.js'

/** What the catalog needs to read and write its system tables. */
export interface CatalogStorage {
  /** The lakehouse home (a path today; `s3://…` later). */
  readonly home: string
  /** The object store of a location: the composition root's factory. */
  readonly storeFor: ObjectStoreFactory
  /** Reads and writes Parquet for the Delta tables (any engine; not the user's query path). */
  readonly engine: Engine
}

/** The location of `<catalog>.system.<table>`. */
export function systemTableLocation(
  storage: CatalogStorage,
  catalog: string,
  table: string,
): string {
  return joinLocation(storage.home, catalog, 'system', table)
}

/** The latest version of a system table, or -1 when it does not exist yet. */
export async function systemTableVersion(
  storage: CatalogStorage,
  catalog: string,
  table: string,
): Promise<number> {
  try {
    return (
      await new LogStore(storage.storeFor(systemTableLocation(storage, catalog, table))).listLog()
    ).latest
  } catch (error) {
    if (error instanceof NotADeltaTableError) return -1
    throw error
  }
}

/**
 * Every row of a system table (`select` picks columns, e.g. `principal, privilege`; `orderBy`
 * sorts), or `undefined` when the table does not exist yet.
 */
export async function readSystemTable(
  storage: CatalogStorage,
  catalog: string,
  table: string,
  select = '*',
  orderBy?: string,
): Promise<ResultRow[] | undefined> {
  let sql: string
  try {
    const store = storage.storeFor(systemTableLocation(storage, catalog, table))
    const snapshot = await loadSnapshot(store, { sql: storage.engine })
    sql = await scanSql(snapshot, { sql: storage.engine })
  } catch (error) {
    if (error instanceof NotADeltaTableError) return undefined
    throw error
  }
  const order = orderBy === undefined ? '' : ` ORDER BY ${orderBy}`
  return storage.engine.all(`SELECT ${select} FROM (${sql}) AS system_table${order}`)
}

/** Writes the rows of `sql` to a system table (created on first write). Returns the version. */
export async function writeSystemTable(
  storage: CatalogStorage,
  catalog: string,
  table: string,
  sql: string,
  mode: WriteMode,
): Promise<number> {
  const result = await writeTable({
    store: storage.storeFor(systemTableLocation(storage, catalog, table)),
    executor: storage.engine,
    sql,
    mode,
    configuration: layerTableProperties('system'),
  })
  return result.version
}
