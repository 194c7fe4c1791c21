/**
 * @module transform/materialize/engine-views
 * How the engine sees the Delta warehouse: the view `catalog.schema.table` over each table's
 * latest version, the views of view models, and the in-memory catalogs and schemas they live in.
 * A table's view is made again only when the table has a newer commit (an incremental model asks
 * for its table before and after its write, and making a view reads data files' footers: the
 * first file's when all share one `pitwall.columns` tag, every file's otherwise).
 */
import { sqlIdent } from '../../core/index.js'
import type { Engine } from '../../engine/index.js'
import {
  LogStore,
  loadSnapshot,
  scanSql,
  type ObjectStore,
  type Snapshot,
} from '../../lake/index.js'
import { qualified, type RelationName } from './warehouse.js'

/** The views of one warehouse in one engine. */
export class EngineViews {
  private readonly schemas = new Set<string>()
  /** The snapshot each table's view shows. */
  private readonly tables = new Map<string, Snapshot>()

  constructor(
    private readonly engine: Engine,
    /** The object store of a table. */
    private readonly tableOf: (rel: RelationName) => ObjectStore,
  ) {}

  /**
   * Points the view of `rel` at the table's latest version, unless it already shows it; returns
   * the table's partitioning.
   */
  async refresh(rel: RelationName): Promise<readonly string[]> {
    return (await this.snapshot(rel)).partitionColumns
  }

  /**
   * The table's latest snapshot, the one its view now shows (made again when the table has a
   * newer commit).
   */
  async snapshot(rel: RelationName): Promise<Snapshot> {
    await this.ensureSchema(rel)
    const k = qualified(rel)
    const store = this.tableOf(rel)
    const latest = await new LogStore(store).latestVersion()
    const made = this.tables.get(k)
    if (made?.version === latest) return made
    const snapshot = await loadSnapshot(store, { sql: this.engine })
    const sql = await scanSql(snapshot, { sql: this.engine })
    await this.engine.run(`create or replace view ${k} as ${sql}`)
    this.tables.set(k, snapshot)
    return snapshot
  }

  /** Creates or replaces the view `rel` as `sql` (a view model's). */
  async create(rel: RelationName, sql: string): Promise<void> {
    await this.ensureSchema(rel)
    this.tables.delete(qualified(rel))
    await this.engine.run(`create or replace view ${qualified(rel)} as ${sql}`)
  }

  /** Drops the view `rel` (the table behind it is replaced or gone). */
  async drop(rel: RelationName): Promise<void> {
    await this.ensureSchema(rel)
    this.tables.delete(qualified(rel))
    await this.engine.run(`drop view if exists ${qualified(rel)}`)
  }

  /** Attaches the relation's catalog and creates its schema in the engine, once. */
  async ensureSchema(rel: RelationName): Promise<void> {
    const k = `${rel.database}.${rel.schema}`
    if (this.schemas.has(k)) return
    await this.engine.run(
      `attach if not exists ':memory:' as ${sqlIdent(rel.database)}; create schema if not exists ${sqlIdent(rel.database)}.${sqlIdent(rel.schema)}`,
    )
    this.schemas.add(k)
  }
}
