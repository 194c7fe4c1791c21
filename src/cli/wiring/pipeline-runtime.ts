/**
 * @module cli/wiring/pipeline-runtime
 * What pipeline commands share: the target's catalog, a DuckDB engine, the run history in
 * `<catalog>.system`, the locks folder and (for runs) the asset graph from the project.
 */
import { join } from 'node:path'
import {
  currentEnvironment,
  layerTableProperties,
  tableName,
  tablePath,
} from '../../catalog/index.js'
import type { DuckDbEngine } from '../../engine/index.js'
import { bronzeTableOf } from '../../load/index.js'
import { ENDPOINT_NAMES } from '../../openf1/index.js'
import { RunHistory, buildAssetGraph, type AssetGraph } from '../../pipeline/index.js'
import type { CliContext } from '../context.js'
import { openDuckDb, storeFor } from './adapters.js'
import { loadProject } from './transform-project.js'

/** An open history; call `close`. */
export interface HistoryRuntime {
  readonly catalog: string
  readonly target: string
  readonly engine: DuckDbEngine
  readonly history: RunHistory
  close(): Promise<void>
}

/** Opens the run history of the context's target. */
export async function openHistory(ctx: CliContext): Promise<HistoryRuntime> {
  const config = await ctx.config()
  const env = currentEnvironment(config)
  const engine = await openDuckDb()
  const history = new RunHistory({
    engine,
    storeFor,
    catalog: env.catalog,
    locate: (table) => tablePath(ctx.home, tableName(env.catalog, 'system', table)),
    properties: layerTableProperties('system'),
  })
  return {
    catalog: env.catalog,
    target: config.targetName,
    engine,
    history,
    close: () => engine.close(),
  }
}

/** The asset graph of the project at the context's target. */
export async function assetGraphOf(ctx: CliContext, catalog: string): Promise<AssetGraph> {
  const project = await loadProject(ctx)
  return buildAssetGraph({ endpoints: ENDPOINT_NAMES, bronzeTableOf, catalog, manifest: project })
}

/** `<home>/locks`. */
export function locksDir(ctx: CliContext): string {
  return join(ctx.home, 'locks')
}
