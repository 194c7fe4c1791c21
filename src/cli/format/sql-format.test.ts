import { describe, expect, it } from 'vitest'
import { formatRows, isRowFormat } from './sql-format.js'

const columns = ['driver', 'lap', 'segments']
const rows = [
  { driver: 'VER, Max', lap: 1, segments: [2049, null] },
  { driver: 'say "hi"', lap: null, segments: null },
]

describe('formatRows', () => {
  it('prints json as an array of row objects', () => {
    expect(JSON.parse(formatRows(columns, rows, 'json'))).toEqual(rows)
  })

  it('quotes csv cells that need it and writes nested values as JSON', () => {
    expect(formatRows(columns, rows, 'csv')).toBe(
      'driver,lap,segments\r\n"VER, Max",1,"[2049,null]"\r\n"say ""hi""",,\r\n',
    )
  })

  it('aligns table columns and counts rows', () => {
    const text = formatRows(columns, rows, 'table')
    const lines = text.trimEnd().split('\n')
    expect(lines[0]).toBe('driver   │ lap  │ segments')
    expect(lines[2]).toBe('VER, Max │ 1    │ [2049,null]')
    expect(lines[3]).toBe('say "hi" │ NULL │ NULL')
    expect(lines.at(-1)).toBe('(2 rows)')
  })

  it('knows its formats', () => {
    expect(isRowFormat('csv')).toBe(true)
    expect(isRowFormat('xml')).toBe(false)
  })
})
