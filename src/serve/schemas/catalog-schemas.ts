/**
 * @module serve/schemas/catalog-schemas
 * zod schemas of the catalog browser's answers: catalogs → schemas → tables → columns, a
 * table's Delta history, and its rows (optionally time-travelled). The API's types are inferred
 * from them (`api-types-warehouse.ts`).
 */
import { z } from '@hono/zod-openapi'
import { bool, int, json, n, str, ts } from './common-schemas.js'

/** A result row: column name → value (BIGINT as number when safe, else a decimal string). */
export const RowSchema = z.record(z.string(), json).openapi('Row')

/** A result column. */
export const ResultColumnSchema = z
  .object({
    name: str,
    /** DuckDB's type name (`BIGINT`, `VARCHAR`, `TIMESTAMP WITH TIME ZONE`, …). */
    type: str,
  })
  .openapi('ResultColumn')

/** A catalog (an environment) the principal may use. */
export const CatalogInfoSchema = z
  .object({
    /** e.g. `dev_f1_data_analytics`. */
    name: str,
    /** The profiles.yml target: `dev`, `stage`, `prod`. */
    target: str,
    /** True for the catalog of the target the server runs with (two-part names resolve there). */
    is_default: bool,
  })
  .openapi('CatalogInfo')

/** A schema the principal may use. */
export const SchemaInfoSchema = z
  .object({
    catalog: str,
    /** `bronze_raw`, `silver_clean`, `gold_analytics`, `system`. */
    name: str,
    layer: z.enum(['bronze', 'silver', 'gold', 'system']),
    /** Tables in it the principal may read. */
    tables: int,
  })
  .openapi('SchemaInfo')

const tableSummaryShape = {
  catalog: str,
  schema: str,
  name: str,
  /** `catalog.schema.table`. */
  full_name: str,
  /** The latest Delta version. */
  version: int,
  /** From the Delta statistics (null when a file has none). */
  num_rows: n(int),
  num_files: int,
  size_bytes: int,
  /** When the latest version was committed. */
  last_modified: n(ts),
  /** The model's description from the manifest, when it is a model. */
  description: n(str),
}

/** A table the principal may read, as listed. */
export const TableSummarySchema = z.object(tableSummaryShape).openapi('TableSummary')

/** A column of a table. */
export const ColumnDetailSchema = z
  .object({
    name: str,
    /** The Delta type (`long`, `string`, `timestamp`, `array<double>`, …). */
    type: str,
    nullable: bool,
    description: n(str),
  })
  .openapi('ColumnDetail')

/** One table in detail. */
export const TableDetailSchema = z
  .object({
    ...tableSummaryShape,
    columns: z.array(ColumnDetailSchema),
    partition_columns: z.array(str),
    properties: z.record(z.string(), z.string()),
    min_reader_version: int,
    min_writer_version: int,
    /** The model that builds it (manifest unique id), when there is one. */
    model: n(str),
  })
  .openapi('TableDetail')

/** One commit of a table's Delta history (`DESCRIBE HISTORY`). */
export const TableVersionSchema = z
  .object({
    version: int,
    timestamp: n(ts),
    /** `WRITE`, `MERGE`, `OPTIMIZE`, … */
    operation: n(str),
    operation_parameters: z.record(z.string(), json),
    operation_metrics: z.record(z.string(), json),
    engine_info: n(str),
  })
  .openapi('TableVersion')

/** `GET …/tables/{table}/rows?version=&limit=&offset=`: rows of a table, optionally time-travelled. */
export const TableRowsSchema = z
  .object({
    full_name: str,
    /** The version read. */
    version: int,
    columns: z.array(ResultColumnSchema),
    rows: z.array(RowSchema),
    limit: int,
    offset: int,
    /** Set when more rows follow this page. */
    next_offset: n(int),
  })
  .openapi('TableRows')
