/**
 * @module web/pages/warehouse/runs-page
 * Pipeline runs (`<catalog>.system.pipeline_runs`), newest first, and one run's assets with a
 * timeline of when each ran and for how long (`/warehouse/runs/<run_id>`).
 */
import type { PipelineAsset, PipelineRun } from '../../../../src/serve/api-types.js'
import { get } from '../../api/client.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { duration, instant, num } from '../../ui/format.js'
import { empty } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'

/**
 * A partition as text. The type says string, but the pipeline records objects
 * (`{ key, meeting, session, … }`): show their `key` and what they name.
 */
export function partitionLabel(p: unknown): string {
  if (typeof p === 'string' || typeof p === 'number') return String(p)
  if (p !== null && typeof p === 'object') {
    const o = p as Record<string, unknown>
    const name = [o['meeting'], o['session']].filter((x) => typeof x === 'string').join(' ')
    const key = o['key'] ?? o['sessionKey']
    if (key !== undefined) return name === '' ? String(key) : `${String(key)} (${name})`
  }
  return JSON.stringify(p)
}

function runTable(runs: readonly PipelineRun[]): HTMLElement {
  return dataTable(
    [
      {
        label: 'Run',
        value: (r) => r.run_id,
        cell: (r) =>
          h(
            'a',
            { href: `/warehouse/runs/${encodeURIComponent(r.run_id)}`, class: 'mono' },
            r.run_id,
          ),
      },
      {
        label: 'Status',
        value: (r) => r.status,
        cell: (r) => h('span', { class: `badge ${r.status}` }, r.status),
      },
      { label: 'Kind', value: (r) => r.kind },
      { label: 'Trigger', value: (r) => r.trigger },
      { label: 'Target', value: (r) => r.target },
      { label: 'Started', value: (r) => r.started_at, cell: (r) => instant(r.started_at) },
      {
        label: 'Duration',
        value: (r) => r.duration_seconds,
        cell: (r) => duration(r.duration_seconds),
        num: true,
      },
      {
        label: 'Partitions',
        value: (r) => r.partitions.map(partitionLabel).join(', '),
        cell: (r) =>
          h(
            'span',
            { class: 'muted' },
            r.partitions.slice(0, 4).map(partitionLabel).join(', ') +
              (r.partitions.length > 4 ? ` +${r.partitions.length - 4}` : ''),
          ),
      },
    ],
    runs,
    { testid: 'runs', tall: true },
  )
}

function colourOf(status: string): string {
  if (['success', 'pass', 'ok'].includes(status)) return 'var(--ok)'
  if (status === 'running' || status === 'warn') return 'var(--warn)'
  if (status === 'skipped' || status === 'up-to-date') return 'var(--muted)'
  return 'var(--bad)'
}

interface Span {
  readonly label: string
  readonly title: string
  readonly start: number
  readonly end: number
  readonly status: string
}

/** Bars on one time scale (a Gantt chart in plain HTML). */
function bars(spans: readonly Span[], label: string): HTMLElement {
  if (spans.length === 0) return empty('No timings.')
  const t0 = Math.min(...spans.map((x) => x.start))
  const t1 = Math.max(...spans.map((x) => x.end))
  const span = Math.max(t1 - t0, 1)
  return h(
    'div',
    { class: 'bars', role: 'list', 'aria-label': label },
    spans.map((x) =>
      h(
        'div',
        { class: 'bar-row', role: 'listitem' },
        h('span', { class: 'mono', title: x.title }, x.label),
        h(
          'div',
          { class: 'bar-track' },
          h('div', {
            class: 'bar',
            style: `left:${(((x.start - t0) / span) * 100).toFixed(2)}%;width:${(((x.end - x.start) / span) * 100).toFixed(2)}%;background:${colourOf(x.status)}`,
            title: x.title,
          }),
        ),
      ),
    ),
  )
}

function spanOf(a: PipelineAsset): Span | undefined {
  if (a.started_at === null) return undefined
  const start = Date.parse(a.started_at)
  const end = Date.parse(a.ended_at ?? a.started_at)
  const label = `${a.asset}${a.partition ? ` · ${a.partition}` : ''}`
  return {
    label,
    title: `${label}: ${a.status}, ${duration(a.duration_seconds)}`,
    start,
    end,
    status: a.status,
  }
}

/** One bar per step (extract, load, build…), then the slowest assets. */
function timeline(assets: readonly PipelineAsset[]): HTMLElement {
  const spans = assets.map(spanOf).filter((x): x is Span => x !== undefined)
  const steps = [...new Set(assets.map((a) => a.step))].flatMap((step) => {
    const of = assets.filter((a) => a.step === step)
    const own = of.map(spanOf).filter((x): x is Span => x !== undefined)
    if (own.length === 0) return []
    const failed = of.find(
      (a) => !['success', 'pass', 'ok', 'skipped', 'up-to-date'].includes(a.status),
    )
    const start = Math.min(...own.map((x) => x.start))
    const end = Math.max(...own.map((x) => x.end))
    return [
      {
        label: `${step} (${of.length})`,
        title: `${step}: ${of.length} assets, ${duration((end - start) / 1000)}`,
        start,
        end,
        status: failed?.status ?? 'success',
      },
    ]
  })
  const slowest = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 20)
  return h(
    'div',
    {},
    h('h3', {}, 'Steps'),
    bars(steps, 'When each step ran'),
    h('h3', {}, `Slowest assets (${slowest.length} of ${spans.length})`),
    bars(
      slowest.sort((a, b) => a.start - b.start),
      'When the slowest assets ran',
    ),
  )
}

async function oneRun(ctx: PageContext, id: string): Promise<void> {
  const r = await get('GET /api/runs/{run_id}', { run_id: id }, {}, ctx.signal)
  const summary = Object.entries(r.summary)
  put(
    ctx.root,
    h('p', { class: 'sub' }, h('a', { href: '/warehouse/runs' }, '← Runs')),
    h('h1', {}, 'Run ', h('span', { class: 'mono' }, r.run_id)),
    h(
      'p',
      { class: 'sub' },
      h('span', { class: `badge ${r.status}` }, r.status),
      ` ${r.kind} · ${r.trigger} · ${r.target} · attempt ${r.attempt} · ${instant(r.started_at)} · ${duration(r.duration_seconds)}`,
    ),
    r.error === null ? null : h('p', { class: 'notice error' }, r.error),
    summary.length === 0
      ? null
      : h(
          'details',
          {},
          h('summary', {}, 'Summary'),
          h('pre', { class: 'mono' }, JSON.stringify(r.summary, null, 2)),
        ),
    panel('Timeline', timeline(r.assets)),
    panel(
      `Assets (${r.assets.length})`,
      dataTable(
        [
          {
            label: 'Asset',
            value: (a) => a.asset,
            cell: (a) => h('span', { class: 'mono' }, a.asset),
          },
          { label: 'Step', value: (a) => a.step },
          { label: 'Partition', value: (a) => a.partition },
          {
            label: 'Status',
            value: (a) => a.status,
            cell: (a) => h('span', { class: `badge ${a.status}` }, a.status),
          },
          { label: 'Rows', value: (a) => a.rows, cell: (a) => num(a.rows), num: true },
          {
            label: 'Duration',
            value: (a) => a.duration_seconds,
            cell: (a) => duration(a.duration_seconds),
            num: true,
          },
          {
            label: 'Error',
            value: (a) => a.error,
            cell: (a) => h('span', { class: 'muted' }, (a.error ?? '').slice(0, 120)),
          },
        ],
        r.assets,
        { testid: 'assets', tall: true },
      ),
    ),
  )
}

/** Renders the runs page. */
export async function render(ctx: PageContext): Promise<void> {
  const id = ctx.params['id']
  if (id !== undefined) {
    await oneRun(ctx, id)
    return
  }
  const runs = await get('GET /api/runs', {}, { limit: 200 }, ctx.signal)
  put(
    ctx.root,
    h('h1', {}, 'Pipeline runs'),
    runs.items.length === 0
      ? empty('No pipeline runs yet: `pitwall pipeline` (or `npm start`) records them.')
      : runTable(runs.items),
  )
}
