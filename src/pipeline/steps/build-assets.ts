/**
 * @module pipeline/steps/build-assets
 * The build's selection and its results as asset rows. Only what the run's new bronze data
 * reaches is selected (`source:bronze.<table>+` for each table that received files); everything
 * is selected when the warehouse was never built (seeds and all) or every source is new. Tests
 * are blocking checks: transform skips everything downstream of a tested node whose
 * error-severity test fails; warn-severity failures are reported and block nothing.
 */
import type { NodeResult } from '../../transform/index.js'
import type { AssetGraph } from '../asset-graph.js'
import type { AssetRecord } from '../history-rows.js'

/** dbt selectors for the build after a load that touched `tables` (absent: build all). */
export function buildSelection(
  graph: AssetGraph,
  tables: readonly string[],
  everything: boolean,
): string[] | undefined {
  if (everything) return undefined
  const touched = new Set(tables.map((t) => `bronze.${t}`))
  const selectors: string[] = []
  let sources = 0
  for (const [sourceId, asset] of graph.sourceAssets) {
    if (!asset.startsWith('bronze.')) continue
    sources++
    if (!touched.has(asset)) continue
    // source.<package>.<source_name>.<table> → source:<source_name>.<table>+
    const [, , sourceName, table] = sourceId.split('.')
    if (sourceName !== undefined && table !== undefined)
      selectors.push(`source:${sourceName}.${table}+`)
  }
  if (selectors.length === 0) return []
  return selectors.length === sources ? undefined : selectors.sort()
}

/** Asset rows of a build attempt, one per node. */
export function buildAssetRows(
  graph: AssetGraph,
  results: readonly NodeResult[],
  run: { readonly runId: string; readonly attempt: number },
): AssetRecord[] {
  return results.map((r) => {
    const timing = r.timing.find((t) => t.name === 'execute') ?? r.timing[0]
    const rows = r.adapter_response['rows_affected']
    const ok = r.status === 'success' || r.status === 'pass'
    return {
      runId: run.runId,
      attempt: run.attempt,
      step: 'build',
      asset: r.unique_id,
      kind: graph.assets.get(r.unique_id)?.kind ?? r.unique_id.split('.')[0] ?? 'model',
      partition: null,
      season: null,
      meetingKey: null,
      status: r.status,
      startedAt: timing?.started_at ?? new Date().toISOString(),
      endedAt: timing?.completed_at ?? new Date().toISOString(),
      rows: typeof rows === 'number' ? rows : r.failures,
      error: ok && !(r.message ?? '').startsWith('up to date') ? null : r.message,
    }
  })
}

/** Counts of a build for the run summary. */
export interface BuildCounts {
  readonly nodes: number
  readonly success: number
  readonly upToDate: number
  readonly error: number
  readonly skipped: number
  readonly pass: number
  readonly fail: number
  readonly warn: number
}

/** Counts the results of a build. */
export function buildCounts(results: readonly NodeResult[]): BuildCounts {
  const n = (s: string): number => results.filter((r) => r.status === s).length
  return {
    nodes: results.length,
    success: n('success'),
    upToDate: results.filter(
      (r) => r.status === 'success' && (r.message ?? '').startsWith('up to date'),
    ).length,
    error: n('error'),
    skipped: n('skipped'),
    pass: n('pass'),
    fail: n('fail'),
    warn: n('warn'),
  }
}
