/**
 * @module serve/routes/artifact-access
 * Which of the warehouse's artifacts (lineage nodes, tests, sources) a principal may see: the
 * ones whose tables it may read. Artifacts name tables as `catalog.schema.table`.
 */
import type { Identity, ReadTable } from '../../catalog/index.js'
import type { ServeOptions } from '../serve-options.js'

/** `catalog.schema.table` → the table (undefined for anything else). */
export function tableOf(key: string | undefined): ReadTable | undefined {
  const [catalog, schema, table] = key?.split('.') ?? []
  return catalog && schema && table ? { catalog, schema, table } : undefined
}

/** Whether an identity may read every one of `keys` (`catalog.schema.table`). */
export type Visibility = (
  identity: Identity,
  keys: readonly (string | undefined)[],
) => Promise<boolean>

/** The {@link Visibility} check of an app. */
export function visibility(options: ServeOptions): Visibility {
  return async (identity, keys) => {
    const t = keys.map(tableOf)
    if (t.some((x) => x === undefined)) return false
    return (await options.reader.access.canRead(identity, t as ReadTable[])).allowed
  }
}
