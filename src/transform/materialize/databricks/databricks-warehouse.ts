/**
 * @module transform/materialize/databricks/databricks-warehouse
 * The {@link Warehouse} port on Databricks — the Databricks branch of the per-adapter dispatch
 * (`../adapters.ts`): the same materializations (table, view, incremental with append / merge /
 * delete+insert, snapshots, seeds) emit Databricks SQL through `engine/databricks/statements.ts`:
 * `CREATE OR REPLACE TABLE … USING DELTA` with the node's `TBLPROPERTIES` and `CLUSTER BY` /
 * `PARTITIONED BY`, `INSERT INTO`, `INSERT INTO … REPLACE WHERE` (replaceWhere and partition
 * overwrite: the batch's partition values are read first, so one atomic commit replaces them),
 * `MERGE INTO … ON t.k <=> s.k`, `DELETE`, `ALTER TABLE … SET TBLPROPERTIES`, `OPTIMIZE … ZORDER
 * BY`, `GRANT`/`REVOKE`. Statements go through the engine, which rewrites pitwall's dialect
 * (identifiers, cast types) for Databricks. Build records and locks stay in the local home.
 */
import { randomUUID } from 'node:crypto'
import {
  createSchemaSql,
  createTableAsSql,
  createViewSql,
  databricksQualified,
  databricksString,
  deleteSql,
  dropSql,
  grantSql,
  insertSql,
  mergeSql,
  optimizeSql,
  quoteDatabricks,
  replaceWhereSql,
  revokeSql,
  setPropertiesSql,
  type Engine,
  type GrantSpec,
  type TableRef,
} from '../../../engine/index.js'
import { relationKey } from '../../template/relation.js'
import { HomeState } from '../home-state.js'
import type {
  BuildRecord,
  RelationInfo,
  RelationName,
  Warehouse,
  WarehouseColumn,
  WarehouseRow,
  WriteOutcome,
  WriteRequest,
} from '../warehouse.js'
import type { DatabricksLayout } from './databricks-layouts.js'

/** What a {@link DatabricksWarehouse} runs on. */
export interface DatabricksWarehouseOptions {
  readonly engine: Engine
  /** The local home: build records and locks. */
  readonly home: string
  /** The target's catalog (staging tables go to its `pitwall_staging` schema). */
  readonly catalog: string
  /** Table layouts by `relationKey` (`databricksLayouts(project)`). */
  readonly layouts?: ReadonlyMap<string, DatabricksLayout>
  readonly onWarning?: (message: string) => void
}

const ref = (rel: RelationName): TableRef => ({
  catalog: rel.database,
  schema: rel.schema,
  table: rel.identifier,
})

/** Storage and SQL for the transformation engine on a Databricks SQL warehouse. */
export class DatabricksWarehouse implements Warehouse {
  private readonly engine: Engine
  private readonly catalog: string
  private readonly layouts: ReadonlyMap<string, DatabricksLayout>
  private readonly onWarning: ((message: string) => void) | undefined
  /** Properties each table was created with in this run (no second ALTER for the same). */
  private readonly createdWith = new Map<string, string>()
  private readonly state: HomeState
  private stagingReady = false

  constructor(options: DatabricksWarehouseOptions) {
    this.engine = options.engine
    this.catalog = options.catalog
    this.layouts = options.layouts ?? new Map()
    this.onWarning = options.onWarning
    this.state = new HomeState(options.home, 'databricks', options.onWarning)
  }

  /** Creates the catalogs and schemas the relations live in (`IF NOT EXISTS`). */
  async prepare(relations: readonly RelationName[]): Promise<void> {
    const seen = new Set<string>()
    for (const r of relations) {
      const k = `${r.database}.${r.schema}`
      if (seen.has(k)) continue
      seen.add(k)
      for (const s of createSchemaSql(r.database, r.schema)) await this.engine.run(s)
    }
  }

  async query(
    sql: string,
  ): Promise<{ columns: readonly WarehouseColumn[]; rows: readonly WarehouseRow[] }> {
    return this.engine.query(sql)
  }

  async describe(rel: RelationName): Promise<RelationInfo | undefined> {
    const info = `${quoteDatabricks(rel.database)}.information_schema`
    const where = `table_schema = ${databricksString(rel.schema)} AND table_name = ${databricksString(rel.identifier)}`
    const t = await this.engine.all(`SELECT table_type FROM ${info}.tables WHERE ${where}`)
    if (t.length === 0) return undefined
    const kind = String(t[0]?.['table_type']).toUpperCase() === 'VIEW' ? 'view' : 'table'
    const cols = await this.engine.all(
      `SELECT column_name, full_data_type, partition_index FROM ${info}.columns WHERE ${where} ORDER BY ordinal_position`,
    )
    const partitionBy = cols
      .filter((c) => c['partition_index'] !== null && c['partition_index'] !== undefined)
      .sort((a, b) => Number(a['partition_index']) - Number(b['partition_index']))
      .map((c) => String(c['column_name']))
    return {
      kind,
      columns: cols.map((c) => ({
        name: String(c['column_name']),
        type: String(c['full_data_type']),
      })),
      ...(kind === 'table' ? { partitionBy } : {}),
    }
  }

  async createView(rel: RelationName, sql: string): Promise<void> {
    const existing = await this.describe(rel)
    if (existing?.kind === 'table') await this.engine.run(dropSql(ref(rel), 'table'))
    await this.engine.run(createViewSql(ref(rel), sql))
  }

  async drop(rel: RelationName): Promise<void> {
    const existing = await this.describe(rel)
    if (existing !== undefined) await this.engine.run(dropSql(ref(rel), existing.kind))
  }

  async write(rel: RelationName, sql: string, request: WriteRequest): Promise<WriteOutcome> {
    const t = ref(rel)
    if (
      request.mode === 'overwrite' &&
      request.replaceWhere === undefined &&
      request.partitionOverwrite !== true
    ) {
      const existing = await this.describe(rel)
      if (existing?.kind === 'view') await this.engine.run(dropSql(t, 'view'))
      const layout = this.layoutOf(rel, request.partitionBy)
      const r = await this.engine.all(createTableAsSql(t, sql, layout))
      this.createdWith.set(this.key(rel), JSON.stringify(layout.tblproperties ?? {}))
      return { rows: affected(r, 'num_inserted_rows') }
    }
    const columns = await this.batchColumns(rel, sql, request.mergeSchema === true)
    if (request.mode === 'append') {
      return {
        rows: affected(await this.engine.all(insertSql(t, sql, columns)), 'num_inserted_rows'),
      }
    }
    const predicate = request.replaceWhere ?? (await this.partitionPredicate(rel, sql))
    if (predicate === undefined) return { rows: 0 } // an empty batch replaces nothing
    return {
      rows: affected(
        await this.engine.all(replaceWhereSql(t, predicate, sql, columns)),
        'num_inserted_rows',
      ),
    }
  }

  async deleteWhere(rel: RelationName, predicate: string): Promise<number> {
    return affected(await this.engine.all(deleteSql(ref(rel), predicate)), 'num_affected_rows')
  }

  async merge(
    rel: RelationName,
    sql: string,
    keys: readonly string[],
    options: { readonly mergeSchema?: boolean } = {},
  ): Promise<{ inserted: number; updated: number }> {
    const r = await this.engine.all(
      mergeSql(ref(rel), sql, keys, { schemaEvolution: options.mergeSchema === true }),
    )
    return { inserted: affected(r, 'num_inserted_rows'), updated: affected(r, 'num_updated_rows') }
  }

  async setProperties(
    rel: RelationName,
    properties: Readonly<Record<string, string>>,
  ): Promise<void> {
    // Created with exactly these in this run: nothing to change (and no extra commit).
    if (this.createdWith.get(this.key(rel)) === JSON.stringify(properties)) return
    await this.engine.run(setPropertiesSql(ref(rel), properties))
  }

  async optimize(rel: RelationName, zorderBy: readonly string[]): Promise<void> {
    const layout = this.layouts.get(this.key(rel))
    if ((layout?.clusterBy ?? []).length > 0) {
      this.onWarning?.(`${rel.identifier} is liquid-clustered: OPTIMIZE without ZORDER BY`)
      await this.engine.run(optimizeSql(ref(rel)))
      return
    }
    await this.engine.run(optimizeSql(ref(rel), zorderBy))
  }

  async stage(sql: string): Promise<{ readonly sql: string; release(): Promise<void> }> {
    if (!this.stagingReady) {
      for (const s of createSchemaSql(this.catalog, 'pitwall_staging')) await this.engine.run(s)
      this.stagingReady = true
    }
    const t: TableRef = {
      catalog: this.catalog,
      schema: 'pitwall_staging',
      table: `stage_${randomUUID().replaceAll('-', '')}`,
    }
    await this.engine.run(createTableAsSql(t, sql))
    return {
      sql: `select * from ${databricksQualified([t.catalog, t.schema, t.table])}`,
      release: async () => this.engine.run(dropSql(t, 'table')),
    }
  }

  async version(rel: RelationName): Promise<number | null | undefined> {
    const existing = await this.describe(rel)
    if (existing === undefined) return undefined
    if (existing.kind === 'view') return null
    const h = await this.engine.all(
      `DESCRIBE HISTORY ${databricksQualified([rel.database, rel.schema, rel.identifier])} LIMIT 1`,
    )
    return Number(h[0]?.['version'] ?? 0)
  }

  readBuildRecord(rel: RelationName): Promise<BuildRecord | undefined> {
    return this.state.readBuildRecord(rel)
  }

  writeBuildRecord(rel: RelationName, record: BuildRecord): Promise<void> {
    return this.state.writeBuildRecord(rel, record)
  }

  lock(name: string): Promise<() => Promise<void>> {
    return this.state.lock(name)
  }

  /** Applies pitwall's grants as Unity Catalog `GRANT`s (and `REVOKE`s of `revoked`). */
  async applyGrants(
    grants: readonly GrantSpec[],
    revoked: readonly GrantSpec[] = [],
  ): Promise<void> {
    for (const g of revoked) await this.engine.run(revokeSql(g))
    for (const g of grants) await this.engine.run(grantSql(g))
  }

  private key(rel: RelationName): string {
    return relationKey(rel.database, rel.schema, rel.identifier)
  }

  private layoutOf(
    rel: RelationName,
    partitionBy: readonly string[] | undefined,
  ): DatabricksLayout {
    const known = this.layouts.get(this.key(rel))
    if (known !== undefined) return known
    return { partitionBy: partitionBy ?? [], zorderBy: [] }
  }

  /** The columns to insert: the batch's (new ones added to the table first with mergeSchema). */
  private async batchColumns(
    rel: RelationName,
    sql: string,
    mergeSchema: boolean,
  ): Promise<string[]> {
    const probe = await this.engine.query(`select * from (${sql}) as probe limit 0`)
    const batch = probe.columns.map((c) => c.name)
    if (!mergeSchema) return batch
    const existing = await this.describe(rel)
    const have = new Set((existing?.columns ?? []).map((c) => c.name.toLowerCase()))
    const added = probe.columns.filter((c) => !have.has(c.name.toLowerCase()))
    if (added.length > 0) {
      await this.engine.run(
        `ALTER TABLE ${databricksQualified([rel.database, rel.schema, rel.identifier])} ADD COLUMNS (${added.map((c) => `${quoteDatabricks(c.name)} ${c.type}`).join(', ')})`,
      )
    }
    return batch
  }

  /** `(k1, k2) IN ((…), …)` over the batch's partition values, or undefined for no rows. */
  private async partitionPredicate(rel: RelationName, sql: string): Promise<string | undefined> {
    const existing = await this.describe(rel)
    const keys = existing?.partitionBy ?? []
    if (keys.length === 0) {
      throw new Error(`partition overwrite of ${rel.identifier} needs a partitioned table`)
    }
    const cols = keys.map(quoteDatabricks).join(', ')
    const rows = await this.engine.all(`SELECT DISTINCT ${cols} FROM (${sql}) AS batch`)
    if (rows.length === 0) return undefined
    const lit = (v: unknown): string =>
      v === null || v === undefined
        ? 'NULL'
        : typeof v === 'number'
          ? String(v)
          : databricksString(String(v))
    const tuples = rows.map((r) => `(${keys.map((k) => lit(r[k])).join(', ')})`)
    return keys.length === 1
      ? `${cols} IN (${rows.map((r) => lit(r[keys[0] as string])).join(', ')})`
      : `(${cols}) IN (${tuples.join(', ')})`
  }
}

/** The affected-row count a Databricks DML statement returns (0 when absent). */
function affected(rows: readonly WarehouseRow[], column: string): number {
  const r = rows[0]
  const v = r?.[column] ?? r?.['num_affected_rows']
  return v === undefined || v === null ? 0 : Number(v)
}
