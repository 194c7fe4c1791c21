/**
 * @module web/pages/sql-page
 * A read-only SQL editor on `POST /api/sql`: one SELECT, tables as `schema.table` (the default
 * catalog) or `catalog.schema.table`, the principal's grants applied; results as a table with
 * types, and the same query exported as CSV. Ctrl/⌘+Enter runs; the query stays in the URL
 * (`/sql?q=…`) so it can be shared.
 */
import { download, getAll, sql } from '../api/client.js'
import type { PageContext } from '../router.js'
import { h, panel, put, replace } from '../ui/dom.js'
import { num } from '../ui/format.js'
import { failure, loading } from '../ui/status.js'
import { resultTable } from './warehouse/table-views.js'

const EXAMPLE = `select position, name_acronym, team_name, fastest_lap_time, delta_to_fastest
from gold_analytics.session_leaderboard
order by session_key desc, position
limit 20`

async function tableList(ctx: PageContext, editor: HTMLTextAreaElement): Promise<HTMLElement> {
  const catalog = ctx.access.me.default_catalog
  const schemas = await getAll('GET /api/catalogs/{catalog}/schemas', { catalog }, {}, ctx.signal)
  const groups = await Promise.all(
    schemas.map(async (s) => ({
      schema: s.name,
      tables: await getAll(
        'GET /api/catalogs/{catalog}/schemas/{schema}/tables',
        { catalog, schema: s.name },
        {},
        ctx.signal,
      ),
    })),
  )
  const insert = (text: string) => {
    const at = editor.selectionStart
    editor.setRangeText(text, at, editor.selectionEnd, 'end')
    editor.focus()
  }
  return h(
    'div',
    { 'data-testid': 'sql-tables' },
    h('p', { class: 'sub' }, `Tables you may read in ${catalog}; choose one to insert its name.`),
    groups.map((g) =>
      h(
        'details',
        { open: g.schema === 'gold_analytics' },
        h('summary', {}, g.schema, h('span', { class: 'muted' }, ` (${g.tables.length})`)),
        h(
          'ul',
          { class: 'pick' },
          g.tables.map((t) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href: '#',
                  role: 'button',
                  onclick: (e: Event) => (e.preventDefault(), insert(`${t.schema}.${t.name}`)),
                },
                t.name,
              ),
            ),
          ),
        ),
      ),
    ),
  )
}

/** Renders the SQL editor. */
export async function render(ctx: PageContext): Promise<void> {
  const editor = h('textarea', {
    class: 'sql',
    id: 'sql',
    spellcheck: 'false',
    'aria-label': 'SQL query',
    'data-testid': 'sql-editor',
  }) as HTMLTextAreaElement
  editor.value = ctx.query.get('q') ?? EXAMPLE
  const limit = h(
    'select',
    { id: 'limit' },
    [100, 1000, 10000].map((n) => h('option', { value: String(n), selected: n === 1000 }, num(n))),
  )
  const run = h('button', { type: 'button', class: 'primary', 'data-testid': 'sql-run' }, 'Run ▸')
  const exportCsv = h('button', { type: 'button' }, 'Export CSV')
  const meta = h('p', { class: 'sub', 'aria-live': 'polite', 'data-testid': 'sql-meta' })
  const results = h('div', { 'data-testid': 'sql-results' })
  const side = h('div', { class: 'panel' }, loading())
  put(
    ctx.root,
    h('h1', {}, 'SQL'),
    h(
      'div',
      { class: 'split' },
      side,
      h(
        'div',
        {},
        panel(
          'Query',
          h(
            'p',
            { class: 'sub' },
            'Read-only: one SELECT. Your grants apply; rows and time are limited. Ctrl+Enter runs.',
          ),
          editor,
          h(
            'div',
            { class: 'toolbar', style: 'margin-top:8px' },
            run,
            h('label', { for: 'limit' }, 'Rows at most', limit),
            exportCsv,
          ),
        ),
        panel('Results', meta, results),
      ),
    ),
  )
  const go = async () => {
    const text = editor.value.trim()
    if (text === '') return
    history.replaceState(null, '', `/sql?q=${encodeURIComponent(text)}`)
    run.disabled = true
    replace(meta, 'Running…')
    replace(results)
    try {
      const r = await sql(text, Number(limit.value), ctx.signal)
      replace(
        meta,
        `${num(r.row_count)} row${r.row_count === 1 ? '' : 's'}${r.truncated ? ` (truncated at ${num(r.limit)})` : ''} · ${num(r.elapsed_ms)} ms · read ${r.tables.join(', ') || 'no table'}`,
      )
      replace(results, resultTable(r.columns, r.rows, 'sql-result-table'))
    } catch (error) {
      replace(meta)
      replace(results, failure(error))
    } finally {
      run.disabled = false
    }
  }
  run.addEventListener('click', () => void go())
  editor.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void go()
    }
  })
  exportCsv.addEventListener('click', () => {
    exportCsv.disabled = true
    download('/api/sql/export', 'query.csv', { sql: editor.value.trim(), format: 'csv' })
      .catch((error: unknown) => replace(results, failure(error)))
      .finally(() => (exportCsv.disabled = false))
  })
  await tableList(ctx, editor)
    .then((list) => replace(side, h('h2', {}, 'Tables'), list))
    .catch((error: unknown) => replace(side, failure(error)))
  if (ctx.query.get('q') !== null) await go()
}
