/**
 * @module catalog/lakehouse
 * The lakehouse as one queryable engine: every environment's catalog attached, every Delta table
 * on disk a `catalog.schema.table` view over its latest snapshot (re-checked before each
 * statement, so commits by other processes show up), and the warehouse's persisted SQL views.
 * The engine itself is built by the caller (the composition root) and passed in.
 */
import { DeltaViews, LakehouseEngine, type Engine } from '../engine/index.js'
import { objectStoreFor, type ObjectStoreFactory } from '../lake/index.js'
import { CATALOG_SCHEMAS } from './environments.js'
import { PersistedViews } from './persisted-views.js'
import { discoverTables } from './table-registry.js'

/** Options of {@link createLakehouseEngine}. */
export interface LakehouseOptions {
  /** The lakehouse home. */
  readonly home: string
  /** Catalogs (environments) to expose. */
  readonly catalogs: readonly string[]
  /**
   * The object store of a table location (the CLI passes `objectStoreFor`). Optional only while
   * older call sites migrate; those get `objectStoreFor`.
   */
  readonly storeFor?: ObjectStoreFactory
  /** See {@link LakehouseEngine}: skip version checks for this long after one (default 0). */
  readonly minSyncIntervalMs?: number
  /** Told about persisted views that could not be defined (e.g. a file with two statements). */
  readonly onViewProblem?: (problem: string) => void
}

/** Wraps `base` (an in-process DuckDB engine) so the lakehouse tables resolve by name. */
export function createLakehouseEngine(base: Engine, options: LakehouseOptions): LakehouseEngine {
  const views = new DeltaViews(base, options.storeFor ?? objectStoreFor)
  const sqlViews = new PersistedViews(options.home, options.catalogs)
  let attached = false
  let reported = ''
  return new LakehouseEngine(base, views, {
    ...(options.minSyncIntervalMs === undefined
      ? {}
      : { minSyncIntervalMs: options.minSyncIntervalMs }),
    afterSync: async (engine) => {
      const { failed } = await sqlViews.sync(engine)
      const key = failed.join('\n')
      if (key !== reported) for (const f of failed) options.onViewProblem?.(f)
      reported = key
    },
    discover: async () => {
      if (!attached) {
        await views.ensureCatalogs(options.catalogs, CATALOG_SCHEMAS)
        attached = true
      }
      return discoverTables(options.home, options.catalogs).map((t) => ({
        ...t.name,
        path: t.path,
      }))
    },
  })
}
