import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from './duckdb-engine.js'
import { exactDecimal } from './json-values.js'

let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(() => engine.close())

describe('exactDecimal', () => {
  it('gives a number only when it prints the same value', () => {
    expect(exactDecimal('1.50')).toBe(1.5)
    expect(exactDecimal('-0.10')).toBe(-0.1)
    expect(exactDecimal('0.00')).toBe(0)
    expect(exactDecimal('-0.00')).toBe(0)
    expect(exactDecimal('42')).toBe(42)
    expect(exactDecimal('12345678901234567.89')).toBe('12345678901234567.89')
    expect(exactDecimal('0.1000000000000000055511')).toBe('0.1000000000000000055511')
  })
})

describe('jsonValueConverter', () => {
  it('returns DECIMAL exactly and BLOB as base64, nested values too', async () => {
    const [row] = await engine.all(
      `SELECT 1.50::DECIMAL(3,2) AS small,
              12345678901234567.89::DECIMAL(38,2) AS big,
              [0.1::DECIMAL(18,17), 99999999999999999.99::DECIMAL(38,2)] AS list,
              '\\x00\\xFFab'::BLOB AS bytes,
              {'b': 'hi'::BLOB} AS nested`,
    )
    expect(row).toEqual({
      small: 1.5,
      big: '12345678901234567.89',
      list: [0.1, '99999999999999999.99'],
      bytes: Buffer.from([0, 255, 97, 98]).toString('base64'),
      nested: { b: Buffer.from('hi').toString('base64') },
    })
    expect(JSON.parse(JSON.stringify(row))).toEqual(row)
  })
})
