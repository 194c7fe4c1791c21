import { describe, expect, it } from 'vitest'
import { parseProject } from '../project/parse-project.js'
import { compileNode } from './compile-node.js'

const FILES: Record<string, string> = {
  'dbt_project.yml': 'name: pitwall\nprofile: pitwall\n',
  'profiles.yml': `pitwall:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_c, threads: 1 }\n`,
  'models/a.sql': 'select 1 as id',
  // Refs behind `execute` are not captured at parse time; compile still finds them missing.
  'models/b.sql': `select *\nfrom {{ ref('a') }}\n{% if execute %}\nunion all select * from {{ ref('ghost') }}\n{% endif %}`,
  'models/c.sql': `{% if execute %}select * from {{ source('nowhere', 't') }}{% endif %}`,
}

describe('compileNode', () => {
  it('reports a ref found missing only at compile time as ref-not-found at its line', () => {
    const p = parseProject(FILES)
    expect(p.diagnostics).toEqual([])
    const r = compileNode(p, 'model.pitwall.b')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.diagnostic).toMatchObject({
      code: 'ref-not-found',
      severity: 'error',
      file: 'models/b.sql',
      nodeId: 'model.pitwall.b',
      params: { name: 'ghost' },
      at: { line: 4 },
    })
  })

  it('reports an undeclared source found at compile time as source-not-found', () => {
    const r = compileNode(parseProject(FILES), 'model.pitwall.c')
    expect(r.ok ? undefined : r.diagnostic).toMatchObject({
      code: 'source-not-found',
      params: { source: 'nowhere', table: 't' },
    })
  })
})
