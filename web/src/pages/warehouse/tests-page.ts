/**
 * @module web/pages/warehouse/tests-page
 * Data test results of the last build (run_results.json): counts by status, every test with
 * its status, failures, model, column and severity (filterable by status), and a test's stored
 * failing rows (`/warehouse/tests/<unique_id>`).
 */
import type { TestResult } from '../../../../src/serve/api-types.js'
import { get } from '../../api/client.js'
import type { PageContext } from '../../router.js'
import { h, panel, put } from '../../ui/dom.js'
import { instant, num } from '../../ui/format.js'
import { empty, section } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'
import { resultTable } from './table-views.js'

const STATUSES = ['fail', 'error', 'warn', 'pass', 'skipped']

function testList(results: readonly TestResult[], status: string | null): HTMLElement {
  const shown = status === null ? results : results.filter((r) => r.status === status)
  const counts = STATUSES.map(
    (s) => [s, results.filter((r) => r.status === s).length] as const,
  ).filter(([, n]) => n > 0)
  return h(
    'div',
    {},
    h(
      'nav',
      { class: 'toolbar', 'aria-label': 'Filter by status' },
      h(
        'a',
        { href: '/warehouse/tests', 'aria-current': status === null ? 'page' : null },
        `All ${results.length}`,
      ),
      counts.map(([s, n]) =>
        h(
          'a',
          { href: `/warehouse/tests?status=${s}`, 'aria-current': status === s ? 'page' : null },
          h('span', { class: `badge ${s}` }, `${s} ${n}`),
        ),
      ),
    ),
    dataTable(
      [
        {
          label: 'Status',
          value: (r) => STATUSES.indexOf(r.status),
          cell: (r) => h('span', { class: `badge ${r.status}` }, r.status),
        },
        {
          label: 'Test',
          value: (r) => r.name,
          cell: (r) =>
            h('a', { href: `/warehouse/tests/${encodeURIComponent(r.unique_id)}` }, r.name),
        },
        { label: 'Failures', value: (r) => r.failures, cell: (r) => num(r.failures), num: true },
        {
          label: 'Tests',
          value: (r) => r.attached_node,
          cell: (r) =>
            (r.attached_node ?? '—').replace(/^(model|source|seed|snapshot)\.pitwall\./, ''),
        },
        { label: 'Column', value: (r) => r.column_name },
        { label: 'Severity', value: (r) => r.severity },
        {
          label: 'Time (s)',
          value: (r) => r.execution_time,
          cell: (r) => num(r.execution_time, 2),
          num: true,
        },
      ],
      shown,
      { testid: 'tests', tall: true },
    ),
  )
}

async function oneTest(ctx: PageContext, id: string): Promise<void> {
  const all = await get('GET /api/tests', {}, {}, ctx.signal)
  const t = all.results.find((r) => r.unique_id === id)
  const rows = h('div')
  put(
    ctx.root,
    h('p', { class: 'sub' }, h('a', { href: '/warehouse/tests' }, '← Data tests')),
    h('h1', {}, t?.name ?? id),
    t === undefined
      ? empty('This test is not in the last run.')
      : h(
          'div',
          { class: 'cards' },
          [
            ['Status', h('span', { class: `badge ${t.status}` }, t.status)],
            ['Failures', num(t.failures)],
            ['Tests', t.attached_node ?? '—'],
            ['Column', t.column_name ?? '—'],
            ['Severity', t.severity ?? '—'],
            ['Stored in', t.failures_relation ?? 'not stored'],
          ].map(([k, v]) =>
            h(
              'div',
              { class: 'card' },
              h('div', { class: 'k' }, k as string),
              h(
                'div',
                { class: 'v', style: 'font-size:14px;word-break:break-all' },
                v as string | HTMLElement,
              ),
            ),
          ),
        ),
    t?.message ? h('p', { class: 'notice' }, t.message) : null,
    panel('Failing rows', rows),
  )
  await section(rows, async () => {
    const f = await get('GET /api/tests/{unique_id}/failures', { unique_id: id }, {}, ctx.signal)
    if (f.rows.length === 0)
      return empty('No failing rows stored (the test passed, or store_failures is off).')
    return h(
      'div',
      {},
      h('p', { class: 'sub mono' }, f.relation + (f.truncated ? ' (first rows)' : '')),
      resultTable(f.columns, f.rows, 'failures'),
    )
  })
}

/** Renders the tests page. */
export async function render(ctx: PageContext): Promise<void> {
  const id = ctx.params['id']
  if (id !== undefined) {
    await oneTest(ctx, id)
    return
  }
  const r = await get('GET /api/tests', {}, {}, ctx.signal)
  put(
    ctx.root,
    h('h1', {}, 'Data tests'),
    h(
      'p',
      { class: 'sub' },
      r.results.length === 0
        ? 'No test results yet: run `pitwall build` or `pitwall test`.'
        : `Last run ${instant(r.generated_at)} · invocation ${r.invocation_id ?? '—'}`,
    ),
    r.results.length === 0 ? null : testList(r.results, ctx.query.get('status')),
  )
}
