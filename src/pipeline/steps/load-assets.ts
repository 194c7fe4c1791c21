/**
 * @module pipeline/steps/load-assets
 * A load report → one asset row per bronze table × session that received files (`success`,
 * rows = records), one per table that failed, one per quarantined file.
 */
import type { LoadReport } from '../../load/index.js'
import type { AssetRecord } from '../history-rows.js'
import { partitionsOfLandingFile, type SessionPartition } from '../partitions.js'

/** Asset rows of one load attempt. */
export function loadAssetRows(
  report: LoadReport,
  partitions: readonly SessionPartition[],
  run: { readonly runId: string; readonly attempt: number; readonly startedAt: string },
  endedAt: string,
): AssetRecord[] {
  const rows: AssetRecord[] = []
  const base = {
    runId: run.runId,
    attempt: run.attempt,
    step: 'load',
    kind: 'bronze',
    startedAt: run.startedAt,
    endedAt,
  }
  for (const t of report.tables) {
    const table = t.table.split('.').pop() ?? t.table
    const asset = `bronze.${table}`
    if (t.status === 'failed') {
      rows.push({
        ...base,
        asset,
        partition: null,
        season: null,
        meetingKey: null,
        status: 'failed',
        rows: null,
        error: t.error ?? 'load failed',
      })
      continue
    }
    const perPartition = new Map<string, { p: SessionPartition | undefined; rows: number }>()
    for (const f of t.files) {
      const owners = partitionsOfLandingFile(t.endpoint, f.sourceFile, partitions)
      const keys = owners.length > 0 ? owners : [undefined]
      for (const p of keys) {
        const k = p?.key ?? 'other'
        const e = perPartition.get(k) ?? { p, rows: 0 }
        e.rows += f.records
        perPartition.set(k, e)
      }
    }
    for (const [k, e] of perPartition) {
      rows.push({
        ...base,
        asset,
        partition: k === 'other' ? null : k,
        season: e.p?.season ?? null,
        meetingKey: e.p?.meetingKey ?? null,
        status: 'success',
        rows: e.rows,
        error: null,
      })
    }
  }
  for (const q of report.quarantined) {
    const endpoint = q.sourceFile.split('/')[0] ?? ''
    const p = partitionsOfLandingFile(endpoint, q.sourceFile, partitions)[0]
    rows.push({
      ...base,
      asset: `extract.${endpoint}`,
      partition: p?.key ?? null,
      season: p?.season ?? null,
      meetingKey: p?.meetingKey ?? null,
      status: 'quarantined',
      rows: null,
      error: `${q.sourceFile} → ${q.quarantinedAs}: ${q.reason}`,
    })
  }
  return rows
}

/** Bronze tables (unqualified) that received files. */
export function touchedTables(report: LoadReport): string[] {
  return report.tables
    .filter((t) => t.status === 'loaded' && t.files.length > 0)
    .map((t) => t.table.split('.').pop() ?? t.table)
}

/** True when the load committed or quarantined anything, or failed. */
export function loadDidWork(report: LoadReport): boolean {
  return (
    report.totals.files > 0 ||
    report.quarantined.length > 0 ||
    report.tables.some((t) => t.status === 'failed')
  )
}
