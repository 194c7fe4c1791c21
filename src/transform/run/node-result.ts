/**
 * @module transform/run/node-result
 * The status object every node ends in (STYLE.md §7), a result of dbt's `run_results.json` v6
 * (its schema and type live in `core/artifacts`, where the API reads them): models
 * `success | error | skipped`, tests `pass | fail | warn | error | skipped`.
 */
import type { NodeResult } from '../../core/index.js'

export type { NodeResult, NodeStatus, TimingInfo } from '../../core/index.js'

/** True when the status stops the node's descendants. */
export function blocksDescendants(result: NodeResult, resourceType: string): boolean {
  if (result.status === 'error') return true
  return (resourceType === 'test' || resourceType === 'unit_test') && result.status === 'fail'
}
