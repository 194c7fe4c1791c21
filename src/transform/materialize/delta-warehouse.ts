/**
 * @module transform/materialize/delta-warehouse
 * The {@link Warehouse} on Delta tables: tables live at `<home>/<catalog>/<schema>/<table>/` and
 * are written through the lake layer; the engine (DuckDB) runs the SQL and sees every table as the
 * view `catalog.schema.table`, which this class refreshes after each of its writes (so it works
 * with a plain engine as well as with the self-syncing lakehouse engine; `engine-views.ts` makes a
 * view again only for a newer commit).
 *
 * Views are process-local in DuckDB, so `createView` also writes the view's SQL to
 * `<home>/<catalog>/<schema>/_views/<name>.sql`; {@link DeltaWarehouse.prepare} recreates them in
 * a later process. Writes to one table are serialised; different tables may be written at once.
 *
 * Tables are opened through the {@link ObjectStoreFactory} the composition root passes in (STYLE.md
 * §16); the view files, build records and locks are local files under the home.
 */
import { readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { sqlIdent, sqlString } from '../../core/index.js'
import type { Engine } from '../../engine/index.js'
import {
  LogStore,
  joinLocation,
  deleteRows,
  loadSnapshot,
  mergeTable,
  optimizeTable,
  setTableProperties,
  writeTable,
  type ObjectStore,
  type ObjectStoreFactory,
} from '../../lake/index.js'
import { writeFileAtomic } from '../artifacts/artifact-files.js'
import { WarehouseOperationError } from '../transform-errors.js'
import { HomeState } from './home-state.js'
import { EngineViews } from './engine-views.js'
import { changedKeys } from './changed-keys.js'
import type { ChangedKeysQuestion } from '../template/dbt/execution-hooks.js'
import {
  qualified,
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
  /** Told about what a user may want to know but that does not fail (a crashed lock taken over). */
  readonly onWarning?: (message: string) => void
  /** Opens the object store of a table's location (`objectStoreFor` from lake, in the CLI). */
  readonly storeFor: ObjectStoreFactory
}

/** Delta tables through the lake layer, queried with the engine. */
export class DeltaWarehouse implements Warehouse {
  /** @inheritdoc */
  readonly partitionOverwriteInOnePass = true
  private readonly home: string
  private readonly engine: Engine
  private readonly storeFor: ObjectStoreFactory
  /** Relations handed to `prepare` whose views are not made yet. */
  private readonly pending: RelationName[] = []
  private prepared: Promise<void> | undefined
  private readonly tableQueues = new Map<string, Promise<unknown>>()
  private readonly state: HomeState
  private stageCounter = 0
  /** The engine's views of the tables (`engine-views.ts`). */
  private readonly views: EngineViews

  constructor(options: DeltaWarehouseOptions) {
    this.home = options.home
    this.engine = options.engine
    this.storeFor = options.storeFor
    this.state = new HomeState(options.home, undefined, options.onWarning)
    this.views = new EngineViews(options.engine, (rel) => this.store(rel))
  }

  /** The location of a table (a folder under the home). */
  tablePath(rel: RelationName): string {
    return joinLocation(this.home, rel.database, rel.schema, rel.identifier)
  }

  /** The object store of a table. */
  private store(rel: RelationName): ObjectStore {
    return this.storeFor(this.tablePath(rel))
  }

  /** True when a Delta table exists at the relation's location. */
  private async isTable(rel: RelationName): Promise<boolean> {
    const store = this.store(rel)
    const local = store.localPath?.('_delta_log')
    if (local !== undefined) return existsSync(local)
    return (await store.list('_delta_log/')).length > 0
  }

  /**
   * Makes `rels` queryable in this process: a view over each Delta table that exists, and the
   * persisted views. Pass them in dependency order (views may select from views). Lazily: the
   * views are made before the first statement that needs the engine, so a build where every node
   * is up to date never loads a snapshot (issue 16).
   */
  async prepare(rels: readonly RelationName[]): Promise<void> {
    this.pending.push(...rels)
  }

  /**
   * Creates the views of every relation handed to {@link prepare} so far, once; concurrent
   * callers all wait for the same creation.
   */
  private ensurePrepared(): Promise<void> {
    if (this.pending.length > 0) {
      const rels = this.pending.splice(0)
      const before = this.prepared ?? Promise.resolve()
      this.prepared = before.then(() => this.makeViews(rels))
    }
    return this.prepared ?? Promise.resolve()
  }

  private async makeViews(rels: readonly RelationName[]): Promise<void> {
    for (const rel of rels) {
      if (await this.isTable(rel)) await this.views.refresh(rel)
      else {
        const sql = await readFile(this.viewFile(rel), 'utf8').catch(() => undefined)
        if (sql !== undefined) await this.views.create(rel, sql)
      }
    }
  }

  /** @inheritdoc */
  async query(
    sql: string,
  ): Promise<{ columns: readonly WarehouseColumn[]; rows: readonly WarehouseRow[] }> {
    await this.ensurePrepared()
    return this.engine.query(sql)
  }

  /** @inheritdoc */
  async changedKeys(request: ChangedKeysQuestion): Promise<readonly number[] | undefined> {
    await this.ensurePrepared()
    const of = async ({ relation, column }: ChangedKeysQuestion['watermark']) => ({
      snapshot: (await this.isTable(relation)) ? await this.views.snapshot(relation) : undefined,
      column,
    })
    const watermark = await of(request.watermark)
    const sources = []
    for (const source of request.sources) sources.push(await of(source))
    return changedKeys(this.engine, { watermark, sources, key: request.key })
  }

  /** @inheritdoc */
  async describe(rel: RelationName): Promise<RelationInfo | undefined> {
    await this.ensurePrepared()
    const isTable = await this.isTable(rel)
    const partitionBy = isTable ? await this.views.refresh(rel) : []
    const r = await this.engine.query(
      `select column_name as name, data_type as type from information_schema.columns
       where table_catalog = ${sqlString(rel.database)} and table_schema = ${sqlString(rel.schema)} and table_name = ${sqlString(rel.identifier)}
       order by ordinal_position`,
    )
    if (r.rows.length === 0) return undefined
    return {
      kind: isTable ? 'table' : 'view',
      columns: r.rows.map((row) => ({ name: String(row['name']), type: String(row['type']) })),
      ...(isTable ? { partitionBy } : {}),
    }
  }

  /** @inheritdoc */
  async createView(rel: RelationName, sql: string): Promise<void> {
    await this.ensurePrepared()
    if (existsSync(this.tablePath(rel)))
      await rm(this.tablePath(rel), { recursive: true, force: true })
    await this.state.forgetBuildRecord(rel)
    await this.views.create(rel, sql)
    await writeFileAtomic(this.viewFile(rel), sql)
  }

  /** @inheritdoc */
  async drop(rel: RelationName): Promise<void> {
    await this.ensurePrepared()
    await this.views.drop(rel)
    await rm(this.viewFile(rel), { force: true })
    await this.state.forgetBuildRecord(rel)
    await rm(this.tablePath(rel), { recursive: true, force: true })
  }

  /** @inheritdoc */
  write(rel: RelationName, sql: string, request: WriteRequest): Promise<WriteOutcome> {
    return this.serial(rel, async () => {
      await this.ensurePrepared()
      await this.views.ensureSchema(rel)
      // Replacing part of the table keeps its view until the commit (remade after it).
      const whole = request.replaceWhere === undefined && request.partitionOverwrite !== true
      if (request.mode === 'overwrite' && whole) {
        // A view of the same name, or a table whose columns differ, is replaced outright.
        await this.views.drop(rel)
        await rm(this.viewFile(rel), { force: true })
        if ((await this.isTable(rel)) && !(await this.sameColumns(rel, sql))) {
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
    const r = await this.lake('write', rel, () =>
      writeTable({
        store: this.store(rel),
        executor: this.engine,
        sql,
        mode: request.mode,
        ...(request.mergeSchema === true ? { mergeSchema: true } : {}),
        ...(request.replaceWhere === undefined ? {} : { replaceWhere: request.replaceWhere }),
        ...(request.partitionOverwrite === true ? { partitionOverwrite: true } : {}),
        ...(overwriteSchema ? { overwriteSchema: true } : {}),
        ...(request.partitionBy === undefined || request.partitionBy.length === 0
          ? {}
          : { partitionColumns: request.partitionBy }),
      }),
    )
    await this.views.refresh(rel)
    return { rows: r.metrics.numOutputRows, version: r.version }
  }

  /** @inheritdoc */
  deleteWhere(rel: RelationName, predicate: string): Promise<number> {
    return this.serial(rel, async () => {
      await this.ensurePrepared()
      const r = await this.lake('delete', rel, () =>
        deleteRows({
          store: this.store(rel),
          executor: this.engine,
          predicate,
        }),
      )
      await this.views.refresh(rel)
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
      await this.ensurePrepared()
      // Into a missing table a merge is the append that creates it.
      if (!(await this.isTable(rel))) {
        const w = await this.writeFiles(rel, sql, {
          mode: 'append',
          ...(options.mergeSchema === true ? { mergeSchema: true } : {}),
        })
        return { inserted: w.rows, updated: 0 }
      }
      const r = await this.lake('merge into', rel, () =>
        mergeTable({
          store: this.store(rel),
          executor: this.engine,
          sql,
          keys,
          ...(options.mergeSchema === true ? { mergeSchema: true } : {}),
        }),
      )
      await this.views.refresh(rel)
      return { inserted: r.metrics.numTargetRowsInserted, updated: r.metrics.numTargetRowsUpdated }
    })
  }

  /** @inheritdoc */
  async setProperties(
    rel: RelationName,
    properties: Readonly<Record<string, string>>,
  ): Promise<void> {
    await this.serial(rel, async () => {
      await this.ensurePrepared()
      const store = this.store(rel)
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
    await this.ensurePrepared()
    await this.serial(rel, () =>
      this.lake('OPTIMIZE ZORDER BY', rel, () =>
        optimizeTable({
          store: this.store(rel),
          executor: this.engine,
          zOrderBy: zorderBy,
        }),
      ),
    )
    await this.views.refresh(rel)
  }

  /** @inheritdoc */
  async stage(sql: string): Promise<{ readonly sql: string; release(): Promise<void> }> {
    await this.ensurePrepared()
    const name = sqlIdent(`__pitwall_stage_${++this.stageCounter}`)
    await this.engine.run(`create or replace temp table ${name} as ${sql}`)
    return {
      sql: `select * from ${name}`,
      release: () => this.engine.run(`drop table if exists ${name}`),
    }
  }

  /** @inheritdoc */
  async version(rel: RelationName): Promise<number | null | undefined> {
    if (await this.isTable(rel)) return new LogStore(this.store(rel)).latestVersion()
    return existsSync(this.viewFile(rel)) ? null : undefined
  }

  /** @inheritdoc Records live in `<home>/target/build_state/<catalog>/<schema>/<table>.json`. */
  readBuildRecord(rel: RelationName): Promise<BuildRecord | undefined> {
    return this.state.readBuildRecord(rel)
  }

  /** @inheritdoc */
  writeBuildRecord(rel: RelationName, record: BuildRecord): Promise<void> {
    return this.state.writeBuildRecord(rel, record)
  }

  /** @inheritdoc Lock files live in `<home>/_locks/` (see `file-lock.ts`). */
  lock(name: string): Promise<() => Promise<void>> {
    return this.state.lock(name)
  }

  private viewFile(rel: RelationName): string {
    return join(this.home, rel.database, rel.schema, '_views', `${rel.identifier}.sql`)
  }

  private async sameColumns(rel: RelationName, sql: string): Promise<boolean> {
    const info = await this.describe(rel)
    if (info === undefined) return false
    const r = await this.engine.query(`describe (${sql})`)
    const next = r.rows.map((row) => `${String(row['column_name'])}:${String(row['column_type'])}`)
    const prev = info.columns.map((c) => `${c.name}:${c.type}`)
    return JSON.stringify(next) === JSON.stringify(prev)
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
