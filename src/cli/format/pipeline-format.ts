/**
 * @module cli/format/pipeline-format
 * Human text for pipeline runs: the outcome of `pitwall pipeline` and the run list and detail of
 * `pitwall runs`, plus Markdown for CI job summaries (`$GITHUB_STEP_SUMMARY`).
 */
import {
  formatPartition,
  groupPartitions,
  type AssetRecord,
  type PipelineOutcome,
  type RunView,
  type SessionPartition,
  type StepState,
} from '../../pipeline/index.js'

const MARK: Record<string, string> = {
  success: '✔',
  skipped: '·',
  failed: '✘',
  running: '…',
  pending: ' ',
}

/** `2024 Spielberg: Qualifying (9549), Race (9550)` per meeting. */
export function partitionLines(partitions: readonly SessionPartition[]): string[] {
  const out: string[] = []
  for (const season of groupPartitions(partitions)) {
    for (const m of season.meetings) {
      out.push(
        `  ${season.season ?? '?'} ${m.meeting}: ${m.partitions.map((p) => `${p.session} (${p.key})`).join(', ')}`,
      )
    }
  }
  return out
}

function seconds(s: StepState): string {
  if (s.startedAt === undefined || s.endedAt === undefined) return ''
  return ` (${((Date.parse(s.endedAt) - Date.parse(s.startedAt)) / 1000).toFixed(1)} s)`
}

/** One line per step: mark, name, detail, time. */
export function stepLines(steps: Readonly<Record<string, StepState>>): string[] {
  return Object.entries(steps).map(
    ([name, s]) =>
      `${MARK[s.status] ?? '?'} ${name.padEnd(8)} ${s.status === 'skipped' ? `nothing to do: ${s.detail ?? ''}` : (s.detail ?? s.status)}${seconds(s)}`,
  )
}

/** The outcome of `pitwall pipeline`. */
export function formatPipelineOutcome(o: PipelineOutcome, target: string): string {
  if (o.status === 'nothing-new') {
    return [
      `pipeline (target ${target}): ${o.message}.`,
      ...partitionLines(o.partitions),
      'Nothing was written (no run recorded, no table changed).',
    ].join('\n')
  }
  const lines = [
    `pipeline run ${o.runId}${o.attempt > 1 ? ` (attempt ${o.attempt})` : ''} (target ${target}): ${o.partitions.length} session(s)`,
    ...partitionLines(o.partitions),
    ...stepLines(o.steps),
  ]
  if (o.freshness.length > 0) {
    const n = (s: string) => o.freshness.filter((f) => f.status === s).length
    lines.push(
      `  freshness: ${o.freshness.length} source(s): ${n('pass')} pass, ${n('warn')} warn, ${n('error') + n('runtime error')} error`,
    )
  }
  for (const w of o.summary.warnings.slice(0, 10)) lines.push(`warning: ${w}`)
  if (o.summary.warnings.length > 10)
    lines.push(`warning: … and ${o.summary.warnings.length - 10} more`)
  for (const f of o.summary.failures) lines.push(`failed: ${f}`)
  lines.push(
    o.status === 'success'
      ? `run ${o.runId} succeeded; details: pitwall runs show ${o.runId}`
      : `run ${o.runId} failed; details: pitwall runs show ${o.runId}; after fixing the cause: pitwall pipeline --resume ${o.runId}`,
  )
  return lines.join('\n')
}

function duration(r: RunView): string {
  if (r.endedAt === null) return ''
  const s = (Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000
  return s < 90 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`
}

function sessionsOf(r: RunView): string {
  const keys = r.partitions.map((p) => p.key)
  return keys.length <= 4 ? keys.join(',') : `${keys.slice(0, 3).join(',')},… (${keys.length})`
}

/** The run list of `pitwall runs`. */
export function formatRunList(runs: readonly RunView[], catalog: string): string {
  if (runs.length === 0)
    return `No runs in ${catalog}.system.pipeline_runs yet (start one with pitwall pipeline).`
  const rows = runs.map((r) => [
    r.runId,
    r.kind,
    r.display,
    r.startedAt.slice(0, 19).replace('T', ' '),
    duration(r),
    sessionsOf(r),
    String(r.assets.length),
    r.trigger,
  ])
  const header = ['run', 'kind', 'status', 'started (UTC)', 'took', 'sessions', 'assets', 'trigger']
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

function assetLine(a: AssetRecord): string {
  const part = a.partition === null ? '' : ` [${a.partition}]`
  const rows = a.rows === null ? '' : ` ${a.rows} row(s)`
  const note = a.error === null ? '' : `: ${a.error}`
  return `  ${a.status.padEnd(11)} ${a.asset}${part}${rows}${note}`
}

/** The detail of `pitwall runs show <id>`. */
export function formatRunDetail(r: RunView): string {
  const failed = new Set(['failed', 'error', 'fail', 'quarantined'])
  const bad = r.assets.filter((a) => failed.has(a.status))
  const counts = new Map<string, number>()
  for (const a of r.assets)
    counts.set(`${a.step} ${a.status}`, (counts.get(`${a.step} ${a.status}`) ?? 0) + 1)
  const partitions = r.partitions
  return [
    `run ${r.runId} (${r.kind}, target ${r.target}, catalog ${r.catalog}): ${r.display}${r.attempt > 1 ? `, attempt ${r.attempt}` : ''}`,
    `  started ${r.startedAt}${r.endedAt === null ? '' : `, ended ${r.endedAt} (${duration(r)})`}; trigger: ${r.trigger}`,
    ...(partitions.length > 0 && typeof partitions[0] === 'object'
      ? partitions.map((p) => `  session ${formatPartition(p)}`)
      : []),
    ...stepLines(r.steps),
    ...(r.error === null ? [] : [`  error: ${r.error}`]),
    `assets (${r.assets.length}): ${[...counts.entries()].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    ...r.assets
      .filter(
        (a) => ['load', 'copy'].includes(a.step) || failed.has(a.status) || a.status === 'warn',
      )
      .slice(0, 60)
      .map(assetLine),
    ...(bad.length > 0 ? [`${bad.length} asset(s) failed`] : []),
    ...(r.display === 'interrupted' || r.display === 'failed'
      ? [
          `resume with: pitwall pipeline --resume ${r.runId}${r.target === 'dev' ? '' : ` --target ${r.target}`}`,
        ]
      : []),
  ].join('\n')
}

/** A Markdown summary of runs, for `$GITHUB_STEP_SUMMARY`. */
export function runsMarkdown(runs: readonly RunView[]): string {
  const out = [
    '| run | kind | status | target | sessions | assets | failed |',
    '|---|---|---|---|---|---|---|',
  ]
  for (const r of runs) {
    const failed = r.assets.filter((a) => ['failed', 'error', 'fail'].includes(a.status)).length
    out.push(
      `| ${r.runId} | ${r.kind} | ${r.display} | ${r.target} | ${sessionsOf(r)} | ${r.assets.length} | ${failed} |`,
    )
  }
  for (const r of runs) {
    out.push(
      '',
      `### ${r.runId}`,
      '',
      ...Object.entries(r.steps).map(
        ([n, s]) => `- **${n}**: ${s.status}${s.detail === undefined ? '' : ` — ${s.detail}`}`,
      ),
    )
    const bad = r.assets.filter((a) => ['failed', 'error', 'fail', 'warn'].includes(a.status))
    for (const a of bad.slice(0, 20)) out.push(`- \`${a.asset}\` ${a.status}: ${a.error ?? ''}`)
  }
  return out.join('\n')
}
