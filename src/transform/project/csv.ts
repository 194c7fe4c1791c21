/**
 * @module transform/project/csv
 * RFC 4180 CSV parsing for seeds: quoted fields, doubled quotes, newlines inside quotes, CRLF.
 */

/** A parsed CSV: header and rows of raw strings. */
export interface CsvTable {
  readonly header: readonly string[]
  readonly rows: readonly (readonly string[])[]
}

/** Parses `text`; throws an Error naming the line of a malformed row. */
export function parseCsv(text: string, delimiter = ','): CsvTable {
  const records: string[][] = []
  const lines: number[] = []
  let field = ''
  let record: string[] = []
  let inQuotes = false
  let line = 1
  let recordLine = 1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else inQuotes = false
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"' && field === '') inQuotes = true
    else if (c === delimiter) {
      record.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      if (!(record.length === 1 && record[0] === '')) {
        records.push(record)
        lines.push(recordLine)
      }
      record = []
      field = ''
      line++
      recordLine = line
    } else field += c
  }
  if (inQuotes) throw new Error(`line ${recordLine}: unterminated quoted field`)
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
    lines.push(recordLine)
  }
  const [header, ...rows] = records
  if (header === undefined) throw new Error('the file is empty: a seed needs a header row')
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new Error(
        `line ${lines[i + 1]!}: ${r.length} fields, but the header has ${header.length}`,
      )
    }
  })
  return { header: header.map((h) => h.trim()), rows }
}
