/**
 * @module transform/run/node-result
 * The status object every node ends in (STYLE.md §7), shaped like a result of dbt's
 * `run_results.json` v6: models `success | error | skipped`, tests `pass | fail | warn | error |
 * skipped`.
 */

/** The statuses a node can end in. */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn'

/** One phase's timing. */
export interface TimingInfo {
  readonly name: 'compile' | 'execute'
  readonly started_at: string
  readonly completed_at: string
}

/** How one node ended. */
export interface NodeResult {
  readonly unique_id: string
  readonly status: NodeStatus
  readonly timing: readonly TimingInfo[]
  readonly thread_id: string
  /** Seconds. */
  readonly execution_time: number
  readonly adapter_response: Readonly<Record<string, unknown>>
  /** What happened, for people (for a skipped node: which failure caused it). */
  readonly message: string | null
  /** For tests: the number of failing rows. */
  readonly failures: number | null
  readonly compiled: boolean
  readonly compiled_code: string | null
  readonly relation_name: string | null
  readonly batch_results: null
  /** pitwall extra: the failing rows kept by store_failures, and a sample of them. */
  readonly stored_failures?: string
  readonly failing_rows_sample?: readonly Readonly<Record<string, unknown>>[]
}

/** True when the status stops the node's descendants. */
export function blocksDescendants(result: NodeResult, resourceType: string): boolean {
  if (result.status === 'error') return true
  return (resourceType === 'test' || resourceType === 'unit_test') && result.status === 'fail'
}
