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
        value: (r) => r.partitions.join(', '),
        cell: (r) =>
          h(
            'span',
            { class: 'muted' },
            r.partitions.slice(0, 6).join(', ') +
              (r.partitions.length > 6 ? ` +${r.partitions.length - 6}` : ''),
          ),
      },
    ],
    runs,
    { testid: 'runs', tall: true },
  )
}

function timeline(assets: readonly PipelineAsset[]): HTMLElement {
  const timed = assets.filter((a) => a.started_at !== null)
  if (timed.length === 0) return empty('No asset timings.')
  const t0 = Math.min(...timed.map((a) => Date.parse(a.started_at as string)))
  const t1 = Math.max(...timed.map((a) => Date.parse(a.ended_at ?? (a.started_at as string))))
  const span = Math.max(t1 - t0, 1)
  return h(
    'div',
    { class: 'bars', role: 'list', 'aria-label': 'When each asset ran' },
    timed.map((a) => {
      const s = Date.parse(a.started_at as string)
      const e = Date.parse(a.ended_at ?? (a.started_at as string))
      const colour =
        a.status === 'success'
          ? 'var(--ok)'
          : a.status === 'running'
            ? 'var(--warn)'
            : a.status === 'skipped'
              ? 'var(--muted)'
              : 'var(--bad)'
      return h(
        'div',
        { class: 'bar-row', role: 'listitem' },
        h(
          'span',
          { class: 'mono', title: `${a.asset} ${a.partition ?? ''}` },
          `${a.asset}${a.partition ? ` · ${a.partition}` : ''}`,
        ),
        h(
          'div',
          { class: 'bar-track' },
          h('div', {
            class: 'bar',
            style: `left:${(((s - t0) / span) * 100).toFixed(2)}%;width:${(((e - s) / span) * 100).toFixed(2)}%;background:${colour}`,
            title: `${a.status} · ${duration(a.duration_seconds)}`,
          }),
        ),
      )
    }),
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
