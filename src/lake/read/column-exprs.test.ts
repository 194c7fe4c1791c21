import { describe, expect, it } from 'vitest'
import type { DataType } from '../protocol/schema.js'
import { columnExpr, renameNested } from './column-exprs.js'

const cm = (name: string, phys: string, type: DataType) => ({
  name,
  type,
  nullable: true,
  metadata: { 'delta.columnMapping.physicalName': phys },
})

describe('column expressions', () => {
  it('rebuilds nested structs with logical names, lambdas named by depth', () => {
    const type: DataType = {
      type: 'array',
      elementType: { type: 'struct', fields: [cm('a', 'col-1', 'integer')] },
      containsNull: true,
    }
    expect(renameNested('d."col-0"', type, 'name')).toBe(
      `list_transform(d."col-0", lambda __x0: CASE WHEN __x0 IS NULL THEN NULL ELSE struct_pack("a" := (__x0)."col-1") END)`,
    )
    expect(renameNested('d."x"', type, 'none')).toBe('d."x"')
  })

  it('casts only when the file type differs, reading naive timestamps as UTC', () => {
    expect(columnExpr('d."n"', 'long', 'none', 'BIGINT')).toBe('d."n"')
    expect(columnExpr('d."n"', 'long', 'none', 'INTEGER')).toBe('CAST(d."n" AS BIGINT)')
    expect(columnExpr('d."t"', 'timestamp', 'none', 'TIMESTAMP')).toBe(
      `timezone('UTC', d."t"::TIMESTAMP)`,
    )
    expect(columnExpr('d."t"', 'timestamp', 'none', 'TIMESTAMP WITH TIME ZONE')).toBe('d."t"')
  })
})
