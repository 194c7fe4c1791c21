/**
 * @module transform/materialize/delta-warehouse
 * The {@link Warehouse} on Delta tables: tables live at `<home>/<catalog>/<schema>/<table>/` and
 * are written through the lake layer; the engine (DuckDB) runs the SQL and sees every table as the
 * view `catalog.schema.table`, which this class refreshes after each of its writes (so it works
 * with a plain engine as well as with the self-syncing lakehouse engine).
 *
 * Views are process-local in DuckDB, so `createView` also writes the view's SQL to
 * `<home>/<catalog>/<schema>/_views/<name>.sql`; {@link DeltaWarehouse.prepare} recreates them in
 * a later process. Writes to one table are serialised; different tables may be written at once.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { hostname } from 'node:os'
import type { Engine } from '../../engine/index.js'
import {
  LocalObjectStore,
  LogStore,
  deleteRows,
  loadSnapshot,
  mergeTable,
  optimizeTable,
  scanSql,
  setTableProperties,
  writeTable,
} from '../../lake/index.js'
import { WarehouseOperationError } from '../transform-errors.js'
import { acquireFileLock } from './file-lock.js'
import {
  qualified,
  quote,
  type BuildRecord,
  type RelationInfo,
  type RelationName,
  type Warehouse,
  type WarehouseColumn,
  type WarehouseRow,
  type WriteOutcome,
  type WriteRequest,
} from './warehouse.js'

/** Options of {@link DeltaWarehouse}. */
export interface DeltaWarehouseOptions {
  /** The lakehouse home. */
  readonly home: string
  /** The engine every statement runs on. */
  readonly engine: Engine
}

/** Delta tables through the lake layer, queried with the engine. */
export class DeltaWarehouse implements Warehouse {
  private readonly home: string
  private readonly engine: Engine
  private readonly schemas = new Set<string>()
  private readonly tableQueues = new Map<string, Promise<unknown>>()
  private stageCounter = 0

  constructor(options: DeltaWarehouseOptions) {
    this.home = options.home
    this.engine = options.engine
  }

  /** The directory of a table. */
  tablePath(rel: RelationName): string {
    return join(this.home, rel.database, rel.schema, rel.identifier)
  }

  /**
   * Makes `rels` queryable in this process: a view over each Delta table that exists, and the
   * persisted views. Pass them in dependency order (views may select from views).
   */
  async prepare(rels: readonly RelationName[]): Promise<void> {
    for (const rel of rels) {
      if (existsSync(join(this.tablePath(rel), '_delta_log'))) await this.refreshView(rel)
      else {
        const sql = await readFile(this.viewFile(rel), 'utf8').catch(() => undefined)
        if (sql !== undefined) await this.runView(rel, sql)
      }
    }
  }

  /** @inheritdoc */
  async query(
    sql: string,
  ): Promise<{ columns: readonly WarehouseColumn[]; rows: readonly WarehouseRow[] }> {
    return this.engine.query(sql)
  }

  /** @inheritdoc */
  async describe(rel: RelationName): Promise<RelationInfo | undefined> {
    const isTable = existsSync(join(this.tablePath(rel), '_delta_log'))
    if (isTable) await this.refreshView(rel)
    const r = await this.engine.query(
      `select column_name as name, data_type as type from information_schema.columns
       where table_catalog = ${lit(rel.database)} and table_schema = ${lit(rel.schema)} and table_name = ${lit(rel.identifier)}
       order by ordinal_position`,
    )
    if (r.rows.length === 0) return undefined
    return {
      kind: isTable ? 'table' : 'view',
      columns: r.rows.map((row) => ({ name: String(row['name']), type: String(row['type']) })),
    }
  }

  /** @inheritdoc */
  async createView(rel: RelationName, sql: string): Promise<void> {
    if (existsSync(this.tablePath(rel)))
      await rm(this.tablePath(rel), { recursive: true, force: true })
    await rm(this.recordFile(rel), { force: true })
    await this.runView(rel, sql)
    await mkdir(join(this.home, rel.database, rel.schema, '_views'), { recursive: true })
    await writeFile(this.viewFile(rel), sql)
  }

  /** @inheritdoc */
  async drop(rel: RelationName): Promise<void> {
    await this.ensureSchema(rel)
    await this.engine.run(`drop view if exists ${qualified(rel)}`)
    await rm(this.viewFile(rel), { force: true })
    await rm(this.recordFile(rel), { force: true })
    await rm(this.tablePath(rel), { recursive: true, force: true })
  }

  /** @inheritdoc */
  write(rel: RelationName, sql: string, request: WriteRequest): Promise<WriteOutcome> {
    return this.serial(rel, async () => {
      await this.ensureSchema(rel)
      const path = this.tablePath(rel)
      if (request.mode === 'overwrite') {
        // A view of the same name, or a table whose columns differ, is replaced outright.
        await this.engine.run(`drop view if exists ${qualified(rel)}`)
        await rm(this.viewFile(rel), { force: true })
        if (
          request.replaceWhere === undefined &&
          existsSync(join(path, '_delta_log')) &&
          !(await this.sameColumns(rel, sql))
        ) {
          // A model whose columns changed replaces the table's schema in one commit (history
          // and time travel are kept; the query may still read the old version).
          return this.writeFiles(rel, sql, request, true)
        }
      }
      return this.writeFiles(rel, sql, request)
    })
  }

  private async writeFiles(
    rel: RelationName,
    sql: string,
    request: WriteRequest,
    overwriteSchema = false,
  ): Promise<WriteOutcome> {
    const path = this.tablePath(rel)
    await mkdir(path, { recursive: true })
    const r = await this.lake('write', rel, () =>
      writeTable({
        store: new LocalObjectStore(path),
        executor: this.engine,
        sql,
        mode: request.mode,
        ...(request.mergeSchema === true ? { mergeSchema: true } : {}),
        ...(request.replaceWhere === undefined ? {} : { replaceWhere: request.replaceWhere }),
        ...(overwriteSchema ? { overwriteSchema: true } : {}),
        ...(request.partitionBy === undefined || request.partitionBy.length === 0
          ? {}
          : { partitionColumns: request.partitionBy }),
      }),
    )
    await this.refreshView(rel)
    return { rows: r.metrics.numOutputRows, version: r.version }
  }

  /** @inheritdoc */
  deleteWhere(rel: RelationName, predicate: string): Promise<number> {
    return this.serial(rel, async () => {
      const r = await this.lake('delete', rel, () =>
        deleteRows({
          store: new LocalObjectStore(this.tablePath(rel)),
          executor: this.engine,
          predicate,
        }),
      )
      await this.refreshView(rel)
      return r.metrics.numDeletedRows
    })
  }

  /**
   * @inheritdoc
   * One Delta commit through the lake's copy-on-write MERGE (null-safe keys; only the files that
   * may hold a source key are rewritten).
   */
  merge(
    rel: RelationName,
    sql: string,
    keys: readonly string[],
    options: { readonly mergeSchema?: boolean } = {},
  ): Promise<{ inserted: number; updated: number }> {
    return this.serial(rel, async () => {
      const path = this.tablePath(rel)
      // Into a missing table a merge is the append that creates it.
      const empty = !existsSync(join(path, '_delta_log'))
      if (empty) {
        const w = await this.writeFiles(rel, sql, {
          mode: 'append',
          ...(options.mergeSchema === true ? { mergeSchema: true } : {}),
        })
        return { inserted: w.rows, updated: 0 }
      }
      const r = await this.lake('merge into', rel, () =>
        mergeTable({
          store: new LocalObjectStore(path),
          executor: this.engine,
          sql,
          keys,
          ...(options.mergeSchema === true ? { mergeSchema: true } : {}),
        }),
      )
      await this.refreshView(rel)
      return { inserted: r.metrics.numTargetRowsInserted, updated: r.metrics.numTargetRowsUpdated }
    })
  }

  /** @inheritdoc */
  async setProperties(
    rel: RelationName,
    properties: Readonly<Record<string, string>>,
  ): Promise<void> {
    await this.serial(rel, async () => {
      const store = new LocalObjectStore(this.tablePath(rel))
      // Already set: no metadata commit (incremental runs would add one version each).
      const current = (await loadSnapshot(store)).metadata.configuration
      if (Object.entries(properties).every(([k, v]) => current[k] === v)) return
      await this.lake('set TBLPROPERTIES on', rel, () =>
        setTableProperties({ store, executor: this.engine, set: properties }),
      )
    })
  }

  /** @inheritdoc */
  async optimize(rel: RelationName, zorderBy: readonly string[]): Promise<void> {
    await this.serial(rel, () =>
      this.lake('OPTIMIZE ZORDER BY', rel, () =>
        optimizeTable({
          store: new LocalObjectStore(this.tablePath(rel)),
          executor: this.engine,
          zOrderBy: zorderBy,
        }),
      ),
    )
    await this.refreshView(rel)
  }

  /** @inheritdoc */
  async stage(sql: string): Promise<{ readonly sql: string; release(): Promise<void> }> {
    const name = quote(`__pitwall_stage_${++this.stageCounter}`)
    await this.engine.run(`create or replace temp table ${name} as ${sql}`)
    return {
      sql: `select * from ${name}`,
      release: () => this.engine.run(`drop table if exists ${name}`),
    }
  }

  /** @inheritdoc */
  async version(rel: RelationName): Promise<number | null | undefined> {
    if (existsSync(join(this.tablePath(rel), '_delta_log'))) {
      return new LogStore(new LocalObjectStore(this.tablePath(rel))).latestVersion()
    }
    return existsSync(this.viewFile(rel)) ? null : undefined
  }

  /** @inheritdoc Records live in `<home>/target/build_state/<catalog>/<schema>/<table>.json`. */
  async readBuildRecord(rel: RelationName): Promise<BuildRecord | undefined> {
    const text = await readFile(this.recordFile(rel), 'utf8').catch(() => undefined)
    if (text === undefined) return undefined
    try {
      return JSON.parse(text) as BuildRecord
    } catch {
      return undefined // a torn record only costs a rebuild
    }
  }

  /** @inheritdoc */
  async writeBuildRecord(rel: RelationName, record: BuildRecord): Promise<void> {
    const file = this.recordFile(rel)
    await mkdir(join(file, '..'), { recursive: true })
    await writeFile(file, JSON.stringify(record))
  }

  /** @inheritdoc */
  lock(name: string): Promise<() => Promise<void>> {
    return acquireFileLock(
      join(this.home, '_locks', `${name}.lock`),
      `${hostname()}:${process.pid}`,
    )
  }

  private recordFile(rel: RelationName): string {
    return join(
      this.home,
      'target',
      'build_state',
      rel.database,
      rel.schema,
      `${rel.identifier}.json`,
    )
  }

  private viewFile(rel: RelationName): string {
    return join(this.home, rel.database, rel.schema, '_views', `${rel.identifier}.sql`)
  }

  private async runView(rel: RelationName, sql: string): Promise<void> {
    await this.ensureSchema(rel)
    await this.engine.run(`create or replace view ${qualified(rel)} as ${sql}`)
  }

  private async refreshView(rel: RelationName): Promise<void> {
    await this.ensureSchema(rel)
    const store = new LocalObjectStore(this.tablePath(rel))
    const snapshot = await loadSnapshot(store, { sql: this.engine })
    const scan = await scanSql(snapshot, { sql: this.engine })
    await this.engine.run(`create or replace view ${qualified(rel)} as ${scan}`)
  }

  private async sameColumns(rel: RelationName, sql: string): Promise<boolean> {
    const info = await this.describe(rel)
    if (info === undefined) return false
    const r = await this.engine.query(`describe (${sql})`)
    const next = r.rows.map((row) => `${String(row['column_name'])}:${String(row['column_type'])}`)
    const prev = info.columns.map((c) => `${c.name}:${c.type}`)
    return JSON.stringify(next) === JSON.stringify(prev)
  }

  private async ensureSchema(rel: RelationName): Promise<void> {
    const k = `${rel.database}.${rel.schema}`
    if (this.schemas.has(k)) return
    await this.engine.run(
      `attach if not exists ':memory:' as ${quote(rel.database)}; create schema if not exists ${quote(rel.database)}.${quote(rel.schema)}`,
    )
    this.schemas.add(k)
  }

  private async lake<T>(what: string, rel: RelationName, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn()
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new WarehouseOperationError(`${what} ${qualified(rel)} failed: ${message}`, {
        cause: error,
      })
    }
  }

  private serial<T>(rel: RelationName, fn: () => Promise<T>): Promise<T> {
    const k = qualified(rel)
    const prev = this.tableQueues.get(k) ?? Promise.resolve()
    const next = prev.then(fn, fn)
    this.tableQueues.set(
      k,
      next.catch(() => undefined),
    )
    return next
  }
}

function lit(s: string): string {
  return `'${s.replaceAll("'", "''")}'`
}
