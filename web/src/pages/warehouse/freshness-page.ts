/**
 * @module web/pages/warehouse/freshness-page
 * Source freshness (sources.json, `pitwall source freshness`): each source table's status, when
 * it was last loaded, its age and thresholds.
 */
import { get } from '../../api/client.js'
import type { PageContext } from '../../router.js'
import { h, put } from '../../ui/dom.js'
import { duration, instant } from '../../ui/format.js'
import { empty } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'

/** Renders the freshness page. */
export async function render(ctx: PageContext): Promise<void> {
  const f = await get('GET /api/freshness', {}, {}, ctx.signal)
  put(
    ctx.root,
    h('h1', {}, 'Source freshness'),
    f.sources.length === 0
      ? empty('No freshness check yet: run `pitwall source freshness`.')
      : h(
          'div',
          {},
          h('p', { class: 'sub' }, `Checked ${instant(f.generated_at)}`),
          dataTable(
            [
              {
                label: 'Status',
                value: (s) => s.status,
                cell: (s) => h('span', { class: `badge ${s.status.replace(' ', '-')}` }, s.status),
              },
              { label: 'Source', value: (s) => `${s.source_name}.${s.table}` },
              {
                label: 'Last loaded',
                value: (s) => s.max_loaded_at,
                cell: (s) => instant(s.max_loaded_at),
              },
              {
                label: 'Age',
                value: (s) => s.age_seconds,
                cell: (s) => duration(s.age_seconds),
                num: true,
              },
              { label: 'Warn after', value: (s) => s.warn_after },
              { label: 'Error after', value: (s) => s.error_after },
            ],
            f.sources,
            { testid: 'freshness' },
          ),
        ),
  )
}
