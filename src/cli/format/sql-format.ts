/**
 * @module cli/format/sql-format
 * Renders query results for the terminal and for pipes: `json` (an array of row objects), `csv`
 * (RFC 4180, header row, nested values as JSON) and `table` (aligned columns for humans).
 */

/** Output formats of `pitwall sql` (and any command that prints rows). */
export const ROW_FORMATS = ['json', 'csv', 'table'] as const

/** An output format. */
export type RowFormat = (typeof ROW_FORMATS)[number]

/** True when `value` names a format. */
export function isRowFormat(value: string): value is RowFormat {
  return (ROW_FORMATS as readonly string[]).includes(value)
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** One CSV field (RFC 4180): quoted when it holds a quote, comma or line break; null is empty. */
export function csvCell(value: unknown): string {
  const text = cell(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Formats `rows` (objects keyed by `columns`) as text ending with a newline. */
export function formatRows(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
  format: RowFormat,
): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`
  if (format === 'csv') {
    const lines = [columns.map(csvCell).join(',')]
    for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','))
    return `${lines.join('\r\n')}\r\n`
  }
  const texts = rows.map((row) => columns.map((c) => (row[c] === null ? 'NULL' : cell(row[c]))))
  // A loop, not Math.max(...spread): a spread of 150,000 rows overflows the call stack.
  const widths = columns.map((c, i) =>
    texts.reduce((w, t) => Math.max(w, (t[i] ?? '').length), c.length),
  )
  const line = (parts: readonly string[]): string =>
    parts
      .map((p, i) => p.padEnd(widths[i] ?? 0))
      .join(' │ ')
      .trimEnd()
  const out = [line(columns), widths.map((w) => '─'.repeat(w)).join('─┼─')]
  for (const t of texts) out.push(line(t))
  out.push(`(${rows.length} row${rows.length === 1 ? '' : 's'})`)
  return `${out.join('\n')}\n`
}
