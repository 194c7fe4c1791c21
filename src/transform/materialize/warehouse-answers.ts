/**
 * @module transform/materialize/warehouse-answers
 * The {@link HookAnswerer} of a run: introspective macros (`run_query`, `statement`,
 * `adapter.get_columns_in_relation`, `adapter.drop_relation`, `adapter.changed_keys`) answered by the run's
 * {@link Warehouse}, so they see the Delta tables and views the run has built so far.
 */
import type { HookAnswerer } from '../compile/execution-loop.js'
import type { Warehouse } from './warehouse.js'

/** Answers execution-time template requests from `warehouse`. */
export function warehouseAnswerer(
  warehouse: Warehouse,
  onLog?: (message: string, info: boolean) => void,
): HookAnswerer {
  return {
    async query(sql) {
      const r = await warehouse.query(sql)
      return {
        columns: r.columns.map((c) => c.name),
        types: r.columns.map((c) => c.type),
        rows: r.rows.map((row) => r.columns.map((c) => row[c.name])),
      }
    },
    async columns(relation) {
      const info = await warehouse.describe(relation)
      return (info?.columns ?? []).map((c) => ({ name: c.name, dataType: c.type }))
    },
    drop: (relation) => warehouse.drop(relation),
    async changedKeys(question) {
      return warehouse.changedKeys?.(question)
    },
    ...(onLog === undefined ? {} : { log: onLog }),
  }
}
