/**
 * @module cli/format/extract-summary
 * The human summary of `pitwall extract`: one row per session, totals, and what is missing.
 */
import type { ExtractionResult } from '../../openf1/index.js'

/** Renders the summary table and what is missing. */
export function formatExtractionSummary(result: ExtractionResult): string {
  const rows = result.sessions.map((s) => {
    const n = (status: string): number => s.units.filter((u) => u.status === status).length
    const records = s.units.reduce((sum, u) => sum + u.records, 0)
    return [
      s.label,
      s.status,
      String(n('complete')),
      String(n('skipped')),
      String(n('empty')),
      String(n('failed')),
      String(records),
    ]
  })
  const header = ['session', 'status', 'written', 'skipped', 'empty', 'failed', 'records']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
  const t = result.totals
  const out = [line(header), ...rows.map(line), '']
  for (const s of result.sessions)
    for (const note of s.notes) out.push(`note: session ${s.sessionKey}: ${note}`)
  out.push(
    `${t.sessions} session(s), ${t.written} file(s) written, ${t.skipped} already complete, ${t.empty} empty, ${t.failed} failed; ${t.records} records; ${t.requests} requests, ${t.retries} retries, ${t.rateLimited} rate-limited; ${t.seconds.toFixed(1)} s`,
    `landing zone: ${result.landingDir}`,
  )
  if (result.missing.length > 0) {
    out.push('', `missing (${result.missing.length}), re-run the same command to fetch them:`)
    for (const m of result.missing) out.push(`  ${m.unit}: ${m.error}`)
  }
  return out.join('\n')
}
