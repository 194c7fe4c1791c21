/**
 * @module transform/materialize/warehouse
 * The execution-side port the materializations, snapshots, seeds and tests run on (STYLE.md §1).
 * The Delta implementation ({@link DeltaWarehouse}) writes Delta tables through the lake layer and
 * queries them through the engine; a Databricks one would emit `CREATE OR REPLACE TABLE … USING
 * DELTA` / `MERGE INTO`. Relations are three-level names; SQL is DuckDB's dialect.
 */
import { sqlQualified } from '../../core/index.js'
import type { ChangedKeysQuestion } from '../template/dbt/execution-hooks.js'

/** A table or view: catalog (dbt's database), schema, name. */
export interface RelationName {
  readonly database: string
  readonly schema: string
  readonly identifier: string
}

/** A column and its SQL type. */
export interface WarehouseColumn {
  readonly name: string
  readonly type: string
}

/** What exists at a relation. */
export interface RelationInfo {
  readonly kind: 'table' | 'view'
  readonly columns: readonly WarehouseColumn[]
  /** A table's partition columns (none for a view or an unpartitioned table). */
  readonly partitionBy?: readonly string[]
}

/** Rows as plain JSON-ish values. */
export type WarehouseRow = Record<string, unknown>

/** How a write treats existing rows. */
export interface WriteRequest {
  /** `overwrite` replaces the table's rows (and schema); `append` adds rows. */
  readonly mode: 'overwrite' | 'append'
  /** Partition columns (used when the write creates the table). */
  readonly partitionBy?: readonly string[]
  /** Add the query's new columns to the table (append only). */
  readonly mergeSchema?: boolean
  /** With `overwrite`: replace only the rows matching this predicate (Delta `replaceWhere`). */
  readonly replaceWhere?: string
  /**
   * With `overwrite`: replace only the partitions the new rows fall in (dynamic partition
   * overwrite; other partitions' files are not read).
   */
  readonly partitionOverwrite?: boolean
}

/** The outcome of a write. */
export interface WriteOutcome {
  readonly rows: number
  /** The table version written, when the storage is versioned. */
  readonly version?: number
}

/**
 * What the runner remembers about the last successful build of a relation, to skip the next one
 * when nothing it depends on changed.
 */
export interface BuildRecord {
  /** Hash of what was built: the compiled SQL (or the seed's CSV) and the node's config. */
  readonly key: string
  /** The version of every relation the node read, by `catalog.schema.table`. */
  readonly inputs: Readonly<Record<string, number | 'absent'>>
  /** The relation's own version right after the build. */
  readonly version: number
}

/** Storage and SQL for the transformation engine. Implementations serialise writes per table. */
export interface Warehouse {
  /**
   * True when a partition overwrite evaluates its query once, straight into the new files, reading
   * the table as it was before the commit: an incremental batch replacing partitions is then not
   * staged first (Delta on DuckDB; Databricks stages, its REPLACE WHERE reads the batch twice).
   */
  readonly partitionOverwriteInOnePass?: boolean
  /** Runs a query and returns its columns and rows. */
  query(
    sql: string,
  ): Promise<{ columns: readonly WarehouseColumn[]; rows: readonly WarehouseRow[] }>
  /** The relation's kind and columns, or undefined when it does not exist. */
  describe(rel: RelationName): Promise<RelationInfo | undefined>
  /** Creates or replaces a view (persisted so later processes see it too). */
  createView(rel: RelationName, sql: string): Promise<void>
  /** Drops a table or view; no-op when absent. */
  drop(rel: RelationName): Promise<void>
  /** Writes a query's rows into a table (created when absent). */
  write(rel: RelationName, sql: string, request: WriteRequest): Promise<WriteOutcome>
  /** Deletes the rows matching a SQL predicate over the table's columns; returns the count. */
  deleteWhere(rel: RelationName, predicate: string): Promise<number>
  /**
   * Upserts the query's rows by `keys`, comparing keys null-safely: target rows whose key matches
   * a source row are replaced by it, other source rows are inserted. The source must not hold two
   * rows with the same key, nor NULL keys (callers check first and fail the model).
   */
  merge(
    rel: RelationName,
    sql: string,
    keys: readonly string[],
    options?: { readonly mergeSchema?: boolean },
  ): Promise<{ inserted: number; updated: number }>
  /** Sets table properties (Delta `TBLPROPERTIES`). */
  setProperties(rel: RelationName, properties: Readonly<Record<string, string>>): Promise<void>
  /** Compacts the table, clustering rows by `zorderBy` (Delta `OPTIMIZE … ZORDER BY`). */
  optimize(rel: RelationName, zorderBy: readonly string[]): Promise<void>
  /**
   * Evaluates a query once into a temporary relation, so that later statements see its rows as
   * they were (an incremental query reads its own target, which the write then changes).
   */
  stage(sql: string): Promise<{ readonly sql: string; release(): Promise<void> }>
  /**
   * The relation's latest table version; `null` when it exists but is not versioned (a view),
   * undefined when it does not exist.
   */
  version(rel: RelationName): Promise<number | null | undefined>
  /** The {@link BuildRecord} last saved for the relation, if any. */
  readBuildRecord(rel: RelationName): Promise<BuildRecord | undefined>
  /** Saves the relation's {@link BuildRecord}. */
  writeBuildRecord(rel: RelationName, record: BuildRecord): Promise<void>
  /** Takes an exclusive lock named `name` (snapshots); resolves to its release function. */
  lock(name: string): Promise<() => Promise<void>>
  /**
   * `adapter.changed_keys`: the distinct keys of `sources` rows whose timestamp column is newer
   * than the newest `watermark` column value (the epoch when it has none), ascending — answered
   * from the tables' logs (`changed-keys.ts`). Undefined (or absent) when this warehouse cannot:
   * the template runs its own query instead.
   */
  changedKeys?(request: ChangedKeysQuestion): Promise<readonly number[] | undefined>
}

/** Quotes a relation as `"catalog"."schema"."table"`. */
export function qualified(rel: RelationName): string {
  return sqlQualified([rel.database, rel.schema, rel.identifier])
}
