import { describe, expect, it } from 'vitest'
import { sqlIdent, sqlQualified, sqlString } from './sql-quote.js'

describe('sql-quote', () => {
  it('doubles single quotes in string literals', () => {
    expect(sqlString("it's")).toBe("'it''s'")
    expect(sqlString("'; drop table x; --")).toBe("'''; drop table x; --'")
  })
  it('doubles double quotes in identifiers', () => {
    expect(sqlIdent('my "col"')).toBe('"my ""col"""')
  })
  it('quotes each part of a qualified name', () => {
    expect(sqlQualified(['dev', 'gold', 'a.b'])).toBe('"dev"."gold"."a.b"')
  })
})
