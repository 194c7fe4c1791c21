/**
 * @module cli/wiring/run-load
 * A load of the landing zone into the target's bronze tables, wired to DuckDB and the catalog's
 * table locations (used by `pitwall load` and the demo's load stage).
 */
import {
  currentEnvironment,
  formatTableName,
  layerTableProperties,
  tableName,
  tablePath,
} from '../../catalog/index.js'
import { loadLanding, type LoadReport } from '../../load/index.js'
import type { CliContext } from '../context.js'
import { openDuckDb, storeFor } from './adapters.js'

/** Runs a load for the context's home and target (also used by `pitwall demo`). */
export async function runLoad(
  ctx: CliContext,
  options: { readonly endpoints?: readonly string[] } = {},
): Promise<LoadReport> {
  const config = await ctx.config()
  const catalog = currentEnvironment(config).catalog
  const engine = await openDuckDb()
  try {
    return await loadLanding({
      home: ctx.home,
      catalog,
      locate: (schema, table) => {
        const name = tableName(catalog, schema, table)
        return { name: formatTableName(name), path: tablePath(ctx.home, name) }
      },
      properties: {
        bronze_raw: layerTableProperties('bronze_raw'),
        system: layerTableProperties('system'),
      },
      engine,
      stores: storeFor,
      logger: ctx.logger,
      progress: ctx.progress,
      ...(options.endpoints === undefined ? {} : { endpoints: options.endpoints }),
    })
  } finally {
    await engine.close()
  }
}
