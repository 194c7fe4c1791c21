/**
 * @module openf1/replay/replay-csv
 * `csv=true` answers: columns are the alphabetically sorted union of all keys (API.md §3).
 */

function cell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Renders records as CSV with a header row. */
export function toCsv(records: readonly Readonly<Record<string, unknown>>[]): string {
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))].sort()
  const lines = [columns.join(',')]
  for (const r of records) lines.push(columns.map((c) => cell(r[c])).join(','))
  return `${lines.join('\n')}\n`
}
