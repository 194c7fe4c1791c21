/**
 * @module web/ui/table
 * A data table with sortable columns (header buttons, so sorting works from the keyboard and
 * says its state through `aria-sort`). Numbers align right.
 */
import { h, replace, type Child } from './dom.js'

/** A column of {@link dataTable}. */
export interface Column<T> {
  readonly label: string
  /** The value sorted on (and shown when there is no `cell`). */
  readonly value: (row: T) => string | number | boolean | null | undefined
  /** How the cell shows (default: the value as text). */
  readonly cell?: (row: T) => Child
  /** Right-aligned numbers. */
  readonly num?: boolean
  /** A tooltip on the header. */
  readonly title?: string
}

/** Options of {@link dataTable}. */
export interface TableOptions<T> {
  readonly caption?: string
  /** `data-testid` of the table. */
  readonly testid?: string
  /** Column sorting (default true). */
  readonly sortable?: boolean
  /** Extra attributes of a row (e.g. a `data-` key). */
  readonly rowAttrs?: (row: T) => Record<string, string>
  /** Scroll inside a box of limited height. */
  readonly tall?: boolean
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0
  if (a === null || a === undefined) return 1
  if (b === null || b === undefined) return -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a).localeCompare(String(b), undefined, { numeric: true })
}

/** Builds the table (wrapped in a horizontally scrolling box). */
export function dataTable<T>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  options: TableOptions<T> = {},
): HTMLElement {
  const sortable = options.sortable ?? true
  let sortBy = -1
  let descending = false
  const tbody = h('tbody')
  const heads = columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }))
  const drawBody = () => {
    const order = [...rows]
    const col = columns[sortBy]
    if (col !== undefined) {
      order.sort((a, b) => compare(col.value(a), col.value(b)))
      if (descending) order.reverse()
    }
    replace(
      tbody,
      order.map((row) =>
        h(
          'tr',
          options.rowAttrs?.(row) ?? {},
          columns.map((c) =>
            h('td', { class: c.num ? 'num' : null }, c.cell ? c.cell(row) : show(c.value(row))),
          ),
        ),
      ),
    )
  }
  const drawHeads = () => {
    columns.forEach((c, i) => {
      const th = heads[i] as HTMLTableCellElement
      if (c.title !== undefined) th.title = c.title
      if (!sortable) {
        replace(th, c.label)
        return
      }
      th.setAttribute(
        'aria-sort',
        i === sortBy ? (descending ? 'descending' : 'ascending') : 'none',
      )
      const arrow = i === sortBy ? (descending ? ' ▾' : ' ▴') : ''
      replace(
        th,
        h(
          'button',
          {
            type: 'button',
            class: 'sort',
            onclick: () => {
              descending = sortBy === i ? !descending : false
              sortBy = i
              drawHeads()
              drawBody()
            },
          },
          c.label + arrow,
        ),
      )
    })
  }
  drawHeads()
  drawBody()
  const table = h(
    'table',
    { class: 'data', 'data-testid': options.testid },
    options.caption === undefined ? null : h('caption', { class: 'muted' }, options.caption),
    h('thead', {}, h('tr', {}, heads)),
    tbody,
  )
  return h('div', { class: options.tall ? 'table-wrap tall' : 'table-wrap' }, table)
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  return String(value)
}
