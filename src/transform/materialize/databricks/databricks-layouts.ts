/**
 * @module transform/materialize/databricks/databricks-layouts
 * What a Databricks table is created with, from the project's node configs (dbt-databricks'
 * names): `tblproperties`, `liquid_clustered_by` (→ `CLUSTER BY`), else `partition_by`
 * (→ `PARTITIONED BY`), and `zorder_by` / `zorder` for `OPTIMIZE … ZORDER BY` (never on a
 * liquid-clustered table: Databricks refuses ZORDER there).
 */
import type { TableLayout } from '../../../engine/index.js'
import { listOf } from '../../project/config-checks.js'
import type { ParsedProject } from '../../project/parse-project.js'
import { relationKey } from '../../template/relation.js'

/** A table's layout and its ZORDER columns. */
export interface DatabricksLayout extends TableLayout {
  readonly zorderBy: readonly string[]
}

/** Layouts by `relationKey` of every model, seed and snapshot of the project. */
export function databricksLayouts(project: ParsedProject): Map<string, DatabricksLayout> {
  const out = new Map<string, DatabricksLayout>()
  for (const n of Object.values(project.nodes)) {
    if (!['model', 'seed', 'snapshot'].includes(n.resource_type)) continue
    const c = n.config
    const props: Record<string, string> = {}
    const raw = c['tblproperties']
    if (raw !== null && typeof raw === 'object') {
      for (const [k, v] of Object.entries(raw)) props[k] = String(v)
    }
    const clusterBy = listOf(c['liquid_clustered_by'])
    out.set(relationKey(n.database, n.schema, n.alias), {
      partitionBy: clusterBy.length > 0 ? [] : listOf(c['partition_by']),
      clusterBy,
      tblproperties: props,
      zorderBy: clusterBy.length > 0 ? [] : listOf(c['zorder_by'] ?? c['zorder']),
    })
  }
  return out
}
