import { describe, expect, it } from 'vitest'
import { parseCsv } from '../project/csv.js'
import { seedQuery } from './seed-sql.js'

describe('seedQuery', () => {
  it('infers column types, honours column_types and turns empty fields into NULL', () => {
    const q = seedQuery(
      'id,ratio,flag,day,name,code\n1,0.5,true,2024-03-02,"Pérez, S",7\n2,,false,2024-03-03,x,\n',
      { code: 'varchar' },
    )
    expect(q.columns).toEqual([
      { name: 'id', type: 'bigint' },
      { name: 'ratio', type: 'double' },
      { name: 'flag', type: 'boolean' },
      { name: 'day', type: 'date' },
      { name: 'name', type: 'varchar' },
      { name: 'code', type: 'varchar' },
    ])
    expect(q.rows).toBe(2)
    expect(q.sql).toContain("('2', null, 'false', '2024-03-03', 'x', null)")
  })

  it('names the line of a malformed row', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow('line 3: 1 fields, but the header has 2')
    expect(parseCsv('a\n"x\ny"\n').rows).toEqual([['x\ny']])
  })
})
