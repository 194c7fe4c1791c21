/**
 * @module pipeline/steps/extract-assets
 * An extraction's per-unit status objects → one asset row per endpoint × session (driver-scoped
 * units of a session are summed): `success` when something was landed, `skipped` when every
 * unit was already complete, `failed` (with the reasons) when a unit is still missing.
 */
import type { ExtractionResult } from '../../openf1/index.js'
import type { AssetRecord } from '../history-rows.js'
import type { SessionPartition } from '../partitions.js'

/** Asset rows of one extraction attempt. */
export function extractAssetRows(
  result: ExtractionResult,
  partitions: readonly SessionPartition[],
  run: { readonly runId: string; readonly attempt: number; readonly startedAt: string },
  endedAt: string,
): AssetRecord[] {
  const byKey = new Map(partitions.map((p) => [p.sessionKey, p]))
  const rows: AssetRecord[] = []
  for (const session of result.sessions) {
    const p = byKey.get(session.sessionKey)
    const byEndpoint = new Map<string, (typeof session.units)[number][]>()
    for (const u of session.units)
      byEndpoint.set(u.endpoint, [...(byEndpoint.get(u.endpoint) ?? []), u])
    for (const [endpoint, units] of byEndpoint) {
      const failed = units.filter((u) => u.status === 'failed')
      const status =
        failed.length > 0
          ? 'failed'
          : units.every((u) => u.status === 'skipped')
            ? 'skipped'
            : 'success'
      rows.push({
        runId: run.runId,
        attempt: run.attempt,
        step: 'extract',
        asset: `extract.${endpoint}`,
        kind: 'extract',
        partition: String(session.sessionKey),
        season: p?.season ?? null,
        meetingKey: p?.meetingKey ?? null,
        status,
        startedAt: run.startedAt,
        endedAt,
        rows: units.reduce((n, u) => n + (u.status === 'skipped' ? 0 : u.records), 0),
        error:
          failed.length === 0
            ? status === 'skipped'
              ? 'up to date: already complete in the landing zone'
              : null
            : failed.map((u) => `${u.unit}: ${u.error ?? 'failed'}`).join('; '),
      })
    }
  }
  return rows
}

/** True when the extraction landed or tried to land anything (not all skipped). */
export function extractionDidWork(result: ExtractionResult): boolean {
  return result.sessions.some((s) => s.units.some((u) => u.status !== 'skipped'))
}

/** Session keys whose extraction is incomplete. */
export function failedSessions(result: ExtractionResult): Set<number> {
  return new Set(result.sessions.filter((s) => s.status === 'failed').map((s) => s.sessionKey))
}
