/**
 * @module cli/format/transform-format
 * dbt-like human output for runs: one line per node as it finishes, the failing tests with their
 * failing rows (or where they were stored), and the `Done. PASS=… WARN=… ERROR=…` summary.
 */
import type { NodeResult, ParsedProject } from '../../transform/index.js'

/** One line for a finished node: `3 of 12 OK created table model gold_analytics.fact_laps [0.12s]`. */
export function nodeLine(
  project: ParsedProject,
  r: NodeResult,
  index: number,
  total: number,
): string {
  const node = project.nodes[r.unique_id]
  const what =
    node === undefined
      ? r.unique_id
      : node.resource_type === 'test' || node.resource_type === 'unit_test'
        ? `${node.resource_type} ${node.name}`
        : `${node.resource_type} ${node.schema}.${node.name}`
  const status = r.status.toUpperCase()
  const msg =
    r.status === 'success'
      ? (r.message ?? 'OK')
      : `${status}${r.message !== null && r.message !== status ? ` ${r.message}` : ''}`
  return `${index} of ${total} ${what} ... ${firstLine(msg)} [${r.execution_time.toFixed(2)}s]`
}

/** The summary lines, with details of everything that did not pass. */
export function runSummary(
  project: ParsedProject,
  results: readonly NodeResult[],
  elapsed: number,
): string {
  const count = (s: string) => results.filter((r) => r.status === s).length
  const lines: string[] = []
  const problems = results.filter((r) => ['error', 'fail', 'warn'].includes(r.status))
  for (const r of problems) {
    const node = project.nodes[r.unique_id]
    lines.push(
      '',
      `${r.status.toUpperCase()} in ${r.unique_id}${node === undefined ? '' : ` (${node.original_file_path})`}`,
    )
    lines.push(`  ${r.message ?? ''}`.replaceAll('\n', '\n  '))
    if (r.status === 'error' && r.compiled_code !== null && node?.resource_type !== 'test') {
      const sql = r.compiled_code.split('\n')
      lines.push(
        '  compiled SQL:',
        ...sql.slice(0, 40).map((l, i) => `  ${String(i + 1).padStart(4)} | ${l}`),
      )
      if (sql.length > 40)
        lines.push(`       … ${sql.length - 40} more line(s) in run_results.json`)
    }
    if (r.stored_failures !== undefined) lines.push(`  failing rows stored in ${r.stored_failures}`)
    if (r.failing_rows_sample !== undefined && r.failing_rows_sample.length > 0) {
      lines.push('  failing rows (first 10):')
      for (const row of r.failing_rows_sample) lines.push(`    ${JSON.stringify(row)}`)
    }
  }
  const skipped = results.filter((r) => r.status === 'skipped')
  if (skipped.length > 0) {
    lines.push('', `SKIPPED ${skipped.length}:`)
    for (const r of skipped.slice(0, 20)) lines.push(`  ${r.unique_id}: ${r.message ?? ''}`)
    if (skipped.length > 20) lines.push(`  … and ${skipped.length - 20} more`)
  }
  lines.push(
    '',
    `Finished running ${results.length} node(s) in ${elapsed.toFixed(2)}s.`,
    `Done. PASS=${count('pass') + count('success')} WARN=${count('warn')} ERROR=${count('error')} FAIL=${count('fail')} SKIP=${count('skipped')} TOTAL=${results.length}`,
  )
  return lines.join('\n')
}

function firstLine(s: string): string {
  const i = s.indexOf('\n')
  return i < 0 ? s : `${s.slice(0, i)} …`
}
