import { describe, expect, it } from 'vitest'
import {
  addGrant,
  canUse,
  checkAccess,
  covers,
  defaultGrants,
  parseSecurable,
  removeGrant,
  type Grant,
} from './grants.js'
import { principalAndGroups, type Directory } from './identity.js'

const DEV = 'dev_f1_data_analytics'
const PROD = 'prod_f1_data_analytics'
const table = (schema: string, name = 't', catalog = DEV) => ({ catalog, schema, table: name })
const grants = defaultGrants([
  { target: 'dev', catalog: DEV },
  { target: 'prod', catalog: PROD },
])

describe('grants', () => {
  it('inherits a privilege downward only', () => {
    expect(covers({ catalog: DEV }, table('bronze_raw'))).toBe(true)
    expect(covers({ catalog: DEV, schema: 'gold_analytics' }, table('gold_analytics'))).toBe(true)
    expect(covers({ catalog: DEV, schema: 'gold_analytics' }, table('silver_clean'))).toBe(false)
    expect(covers(table('gold_analytics', 'a'), { catalog: DEV, schema: 'gold_analytics' })).toBe(
      false,
    )
    expect(covers({ catalog: PROD }, table('bronze_raw'))).toBe(false)
  })

  it('lets analysts read gold only, in every catalog, and says what is missing', () => {
    const read = (t: ReturnType<typeof table>) =>
      checkAccess(grants, 'data_analysts', 'SELECT', t).allowed
    expect([read(table('gold_analytics')), read(table('gold_analytics', 't', PROD))]).toEqual([
      true,
      true,
    ])
    expect(checkAccess(grants, 'data_analysts', 'SELECT', table('silver_clean'))).toEqual({
      allowed: false,
      reason: `data_analysts lacks USE SCHEMA on ${DEV}.silver_clean`,
    })
    expect(read(table('bronze_raw'))).toBe(false)
    expect(checkAccess(grants, 'data_analysts', 'MODIFY', table('gold_analytics')).reason).toBe(
      `data_analysts lacks MODIFY on ${DEV}.gold_analytics.t`,
    )
  })

  it('gives engineers everything on dev and read-only access to prod', () => {
    const eng = (action: 'SELECT' | 'MODIFY', catalog: string) =>
      checkAccess(grants, 'data_engineers', action, table('bronze_raw', 't', catalog)).allowed
    expect([eng('SELECT', DEV), eng('MODIFY', DEV)]).toEqual([true, true])
    expect([eng('SELECT', PROD), eng('MODIFY', PROD)]).toEqual([true, false])
  })

  it('gives admin and the dbt service account everything, and nobody else anything', () => {
    for (const who of ['admin', 'dbt_service_account']) {
      expect(checkAccess(grants, who, 'MODIFY', table('system', 't', PROD)).allowed).toBe(true)
    }
    expect(checkAccess(grants, 'guest', 'SELECT', table('gold_analytics')).allowed).toBe(false)
  })

  it('checks a principal with the grants of every group it belongs to', () => {
    const directory: Directory = {
      principals: [],
      memberships: [
        { member: 'ana', group: 'bi_team' },
        { member: 'bi_team', group: 'data_analysts' },
        { member: 'data_analysts', group: 'bi_team' },
      ],
    }
    const who = principalAndGroups(directory, 'ana')
    expect(who).toEqual(['ana', 'bi_team', 'data_analysts'])
    expect(checkAccess(grants, who, 'SELECT', table('gold_analytics')).allowed).toBe(true)
    expect(checkAccess(grants, who, 'SELECT', table('silver_clean')).reason).toBe(
      `ana lacks USE SCHEMA on ${DEV}.silver_clean`,
    )
    expect(checkAccess(grants, 'ana', 'SELECT', table('gold_analytics')).allowed).toBe(false)
  })

  it('says which catalogs and schemas a principal may see', () => {
    expect(canUse(grants, 'data_analysts', { catalog: DEV })).toBe(true)
    expect(canUse(grants, 'data_analysts', { catalog: DEV, schema: 'gold_analytics' })).toBe(true)
    expect(canUse(grants, 'data_analysts', { catalog: DEV, schema: 'bronze_raw' })).toBe(false)
    expect(canUse(grants, 'guest', { catalog: DEV })).toBe(false)
  })

  it('adds and removes grants without duplicates; revoking does not touch inherited ones', () => {
    expect(parseSecurable(`${DEV}.silver_clean`)).toEqual({ catalog: DEV, schema: 'silver_clean' })
    const g: Grant = {
      principal: 'data_analysts',
      privilege: 'SELECT',
      on: { catalog: DEV, schema: 'silver_clean' },
    }
    const use: Grant = { ...g, privilege: 'USE SCHEMA' }
    const more = addGrant(addGrant(addGrant(grants, g), g), use)
    expect(more.length).toBe(grants.length + 2)
    expect(checkAccess(more, 'data_analysts', 'SELECT', table('silver_clean')).allowed).toBe(true)
    const back = removeGrant(more, g)
    expect(checkAccess(back, 'data_analysts', 'SELECT', table('silver_clean')).allowed).toBe(false)
  })
})
