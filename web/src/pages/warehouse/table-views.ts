/**
 * @module web/pages/warehouse/table-views
 * Tables of query results and Delta history, shared by the catalog browser, the data test
 * failures and the SQL editor: any column set, values shown as JSON where they are not scalars.
 */
import type { ResultColumn, Row, TableRows, TableVersion } from '../../../../src/serve/api-types.js'
import { h } from '../../ui/dom.js'
import { instant } from '../../ui/format.js'
import { empty } from '../../ui/status.js'
import { dataTable } from '../../ui/table.js'

/** A cell's text (objects and arrays as JSON). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Rows of a result as a table. */
export function resultTable(
  columns: readonly ResultColumn[],
  rows: readonly Row[],
  testid?: string,
): HTMLElement {
  if (rows.length === 0) return empty('No rows.')
  return dataTable(
    columns.map((c) => ({
      label: c.name,
      title: c.type,
      value: (r: Row) => {
        const v = r[c.name]
        return typeof v === 'number' ||
          typeof v === 'string' ||
          typeof v === 'boolean' ||
          v === null
          ? v
          : cellText(v)
      },
      cell: (r: Row) => {
        const v = r[c.name]
        return v === null ? h('span', { class: 'muted' }, 'NULL') : cellText(v)
      },
      num: /INT|DOUBLE|FLOAT|DECIMAL|REAL|long|double|integer/i.test(c.type),
    })),
    rows,
    { testid, tall: true },
  )
}

/** A table's preview page. */
export function previewTable(r: TableRows): HTMLElement {
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'sub' },
      `Version ${r.version} · ${r.rows.length} rows shown${r.next_offset === null ? '' : ' (more follow)'}`,
    ),
    resultTable(r.columns, r.rows, 'preview'),
  )
}

/** The Delta history with links to each version. */
export function historyTable(
  versions: readonly TableVersion[],
  href: string,
  current: number | undefined,
): HTMLElement {
  if (versions.length === 0) return empty('No history.')
  return dataTable(
    [
      { label: 'Version', value: (v) => v.version, num: true },
      { label: 'When', value: (v) => v.timestamp, cell: (v) => instant(v.timestamp) },
      { label: 'Operation', value: (v) => v.operation },
      {
        label: 'Metrics',
        value: (v) => JSON.stringify(v.operation_metrics),
        cell: (v) =>
          h(
            'span',
            { class: 'mono muted' },
            Object.entries(v.operation_metrics)
              .slice(0, 4)
              .map(([k, x]) => `${k}=${cellText(x)}`)
              .join(' '),
          ),
      },
      {
        label: 'Time travel',
        value: (v) => v.version,
        cell: (v) =>
          v.version === current
            ? h('strong', {}, 'shown')
            : h(
                'a',
                {
                  href: `${href}?version=${v.version}`,
                  'aria-label': `rows at version ${v.version}`,
                },
                'view rows',
              ),
      },
    ],
    versions,
    { testid: 'history', tall: true },
  )
}
