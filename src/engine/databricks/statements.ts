/**
 * @module engine/databricks/statements
 * The Databricks SQL the adapter emits (REFERENCE.md §5), as pure functions of their inputs, so
 * golden files and the contract tests can pin them: Delta DDL with `TBLPROPERTIES` and
 * `CLUSTER BY` / `PARTITIONED BY`, `INSERT INTO` and `INSERT INTO … REPLACE WHERE`, `MERGE INTO`
 * with null-safe keys (`<=>`), `OPTIMIZE … ZORDER BY`, `VACUUM`, `GRANT`/`REVOKE` and
 * `COPY INTO` from a Unity Catalog volume. Names are three-level and backtick-quoted.
 */
import { databricksQualified, databricksString, quoteDatabricks } from './dialect.js'

/** A three-level name. */
export interface TableRef {
  readonly catalog: string
  readonly schema: string
  readonly table: string
}

const name = (t: TableRef): string => databricksQualified([t.catalog, t.schema, t.table])

/** How a new Delta table is laid out. */
export interface TableLayout {
  /** `PARTITIONED BY (…)` (legacy layout; ZORDER allowed). */
  readonly partitionBy?: readonly string[]
  /** `CLUSTER BY (…)` (liquid clustering; replaces partitioning and ZORDER). */
  readonly clusterBy?: readonly string[]
  readonly tblproperties?: Readonly<Record<string, string>>
}

function cols(columns: readonly string[]): string {
  return columns.map(quoteDatabricks).join(', ')
}

function properties(props: Readonly<Record<string, string>>): string {
  return Object.entries(props)
    .map(([k, v]) => `${databricksString(k)} = ${databricksString(v)}`)
    .join(', ')
}

/** `CREATE CATALOG IF NOT EXISTS` + `CREATE SCHEMA IF NOT EXISTS`. */
export function createSchemaSql(catalog: string, schema: string): string[] {
  return [
    `CREATE CATALOG IF NOT EXISTS ${quoteDatabricks(catalog)}`,
    `CREATE SCHEMA IF NOT EXISTS ${databricksQualified([catalog, schema])}`,
  ]
}

/** `CREATE OR REPLACE TABLE t USING DELTA [CLUSTER BY|PARTITIONED BY] [TBLPROPERTIES] AS sql`. */
export function createTableAsSql(t: TableRef, sql: string, layout: TableLayout = {}): string {
  const parts = [`CREATE OR REPLACE TABLE ${name(t)}`, 'USING DELTA']
  if ((layout.clusterBy ?? []).length > 0)
    parts.push(`CLUSTER BY (${cols(layout.clusterBy ?? [])})`)
  else if ((layout.partitionBy ?? []).length > 0)
    parts.push(`PARTITIONED BY (${cols(layout.partitionBy ?? [])})`)
  const props = layout.tblproperties ?? {}
  if (Object.keys(props).length > 0) parts.push(`TBLPROPERTIES (${properties(props)})`)
  return `${parts.join('\n')}\nAS\n${sql}`
}

/** `CREATE OR REPLACE VIEW t AS sql`. */
export function createViewSql(t: TableRef, sql: string): string {
  return `CREATE OR REPLACE VIEW ${name(t)} AS\n${sql}`
}

/** `DROP TABLE|VIEW IF EXISTS t`. */
export function dropSql(t: TableRef, kind: 'table' | 'view'): string {
  return `DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${name(t)}`
}

/** `INSERT INTO t (cols) SELECT cols FROM (sql)` — by name, whatever the query's column order. */
export function insertSql(t: TableRef, sql: string, columns: readonly string[]): string {
  return `INSERT INTO ${name(t)} (${cols(columns)})\nSELECT ${cols(columns)} FROM (\n${sql}\n) AS batch`
}

/**
 * `INSERT INTO t REPLACE WHERE predicate SELECT …`: the rows matching `predicate` are replaced by
 * the query's rows in one commit (Delta `replaceWhere`; also dbt-databricks' `replace_where`).
 */
export function replaceWhereSql(
  t: TableRef,
  predicate: string,
  sql: string,
  columns: readonly string[],
): string {
  return `INSERT INTO ${name(t)} REPLACE WHERE ${predicate}\nSELECT ${cols(columns)} FROM (\n${sql}\n) AS batch`
}

/** `DELETE FROM t WHERE predicate`. */
export function deleteSql(t: TableRef, predicate: string): string {
  return `DELETE FROM ${name(t)} WHERE ${predicate}`
}

/**
 * `MERGE INTO t USING (sql) s ON t.k <=> s.k … WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED
 * THEN INSERT *` — keys compared null-safely; `WITH SCHEMA EVOLUTION` adds the source's new
 * columns.
 */
export function mergeSql(
  t: TableRef,
  sql: string,
  keys: readonly string[],
  options: { readonly schemaEvolution?: boolean } = {},
): string {
  const on = keys.map((k) => `t.${quoteDatabricks(k)} <=> s.${quoteDatabricks(k)}`).join(' AND ')
  return [
    `MERGE ${options.schemaEvolution === true ? 'WITH SCHEMA EVOLUTION ' : ''}INTO ${name(t)} AS t`,
    `USING (\n${sql}\n) AS s`,
    `ON ${on}`,
    'WHEN MATCHED THEN UPDATE SET *',
    'WHEN NOT MATCHED THEN INSERT *',
  ].join('\n')
}

/** `ALTER TABLE t SET TBLPROPERTIES (…)`. */
export function setPropertiesSql(t: TableRef, props: Readonly<Record<string, string>>): string {
  return `ALTER TABLE ${name(t)} SET TBLPROPERTIES (${properties(props)})`
}

/** `OPTIMIZE t [WHERE …] [ZORDER BY (…)]` (no WHERE/ZORDER on liquid-clustered tables). */
export function optimizeSql(t: TableRef, zorderBy: readonly string[] = [], where?: string): string {
  return [
    `OPTIMIZE ${name(t)}`,
    ...(where === undefined ? [] : [`WHERE ${where}`]),
    ...(zorderBy.length === 0 ? [] : [`ZORDER BY (${cols(zorderBy)})`]),
  ].join(' ')
}

/** `VACUUM t [RETAIN n HOURS] [DRY RUN]`. */
export function vacuumSql(t: TableRef, retainHours?: number, dryRun = false): string {
  return [
    `VACUUM ${name(t)}`,
    ...(retainHours === undefined ? [] : [`RETAIN ${retainHours} HOURS`]),
    ...(dryRun ? ['DRY RUN'] : []),
  ].join(' ')
}

/** A grant as pitwall's catalog keeps it (Unity Catalog's privileges and securables). */
export interface GrantSpec {
  readonly principal: string
  readonly privilege: string
  readonly on: { readonly catalog: string; readonly schema?: string; readonly table?: string }
}

function securable(on: GrantSpec['on']): string {
  if (on.table !== undefined && on.schema !== undefined)
    return `TABLE ${databricksQualified([on.catalog, on.schema, on.table])}`
  if (on.schema !== undefined) return `SCHEMA ${databricksQualified([on.catalog, on.schema])}`
  return `CATALOG ${quoteDatabricks(on.catalog)}`
}

/** `GRANT <privilege> ON <securable> TO `principal``. */
export function grantSql(g: GrantSpec): string {
  return `GRANT ${g.privilege} ON ${securable(g.on)} TO ${quoteDatabricks(g.principal)}`
}

/** `REVOKE <privilege> ON <securable> FROM `principal``. */
export function revokeSql(g: GrantSpec): string {
  return `REVOKE ${g.privilege} ON ${securable(g.on)} FROM ${quoteDatabricks(g.principal)}`
}

/** `CREATE VOLUME IF NOT EXISTS catalog.schema.volume` (managed). */
export function createVolumeSql(catalog: string, schema: string, volume: string): string {
  return `CREATE VOLUME IF NOT EXISTS ${databricksQualified([catalog, schema, volume])}`
}

/**
 * `COPY INTO t FROM '<volume folder>' FILEFORMAT = JSON … PATTERN`: loads the JSON files of one
 * landing endpoint. COPY INTO records every file it loaded in the table's state and skips it on
 * every later run (unless `'force' = 'true'`, never emitted), so re-running a load is a no-op —
 * the exactly-once of pitwall's local bronze tracking, kept by Databricks.
 */
export function copyIntoSql(
  t: TableRef,
  folder: string,
  options: { readonly pattern?: string } = {},
): string {
  return [
    `COPY INTO ${name(t)}`,
    `FROM (SELECT *, current_timestamp() AS _ingestion_timestamp, _metadata.file_path AS _source_file, current_date() AS batch_day FROM ${databricksString(folder)})`,
    'FILEFORMAT = JSON',
    ...(options.pattern === undefined ? [] : [`PATTERN = ${databricksString(options.pattern)}`]),
    "FORMAT_OPTIONS ('multiLine' = 'true', 'inferSchema' = 'true', 'rescuedDataColumn' = '_rescued_data')",
    "COPY_OPTIONS ('mergeSchema' = 'true')",
  ].join('\n')
}
