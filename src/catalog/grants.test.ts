import { describe, expect, it } from 'vitest'
import {
  addGrant,
  checkAccess,
  covers,
  defaultGrants,
  parseSecurable,
  removeGrant,
  type Grant,
} from './grants.js'

const DEV = 'dev_f1_data_analytics'
const table = (schema: string, name = 't') => ({ catalog: DEV, schema, table: name })
const grants = defaultGrants([DEV, 'prod_f1_data_analytics'])

describe('grants', () => {
  it('inherits a privilege downward only', () => {
    expect(covers({ catalog: DEV }, table('bronze_raw'))).toBe(true)
    expect(covers({ catalog: DEV, schema: 'gold_analytics' }, table('gold_analytics'))).toBe(true)
    expect(covers({ catalog: DEV, schema: 'gold_analytics' }, table('silver_clean'))).toBe(false)
    expect(covers(table('gold_analytics', 'a'), { catalog: DEV, schema: 'gold_analytics' })).toBe(
      false,
    )
    expect(covers({ catalog: 'prod_f1_data_analytics' }, table('bronze_raw'))).toBe(false)
  })

  it('lets analysts read gold only, and says what is missing', () => {
    expect(checkAccess(grants, 'data_analysts', 'SELECT', table('gold_analytics')).allowed).toBe(
      true,
    )
    const silver = checkAccess(grants, 'data_analysts', 'SELECT', table('silver_clean'))
    expect(silver).toEqual({
      allowed: false,
      reason: `data_analysts lacks USE SCHEMA on ${DEV}.silver_clean`,
    })
    expect(checkAccess(grants, 'data_analysts', 'MODIFY', table('gold_analytics')).reason).toBe(
      `data_analysts lacks MODIFY on ${DEV}.gold_analytics.t`,
    )
  })

  it('lets the dbt service account read bronze and write silver and gold, not bronze', () => {
    const dbt = (action: 'SELECT' | 'MODIFY', schema: string) =>
      checkAccess(grants, 'dbt_service_account', action, table(schema)).allowed
    expect([dbt('SELECT', 'bronze_raw'), dbt('MODIFY', 'silver_clean')]).toEqual([true, true])
    expect([dbt('MODIFY', 'gold_analytics'), dbt('MODIFY', 'bronze_raw')]).toEqual([true, false])
  })

  it('gives admin everything through ALL PRIVILEGES, and nobody else anything by default', () => {
    expect(checkAccess(grants, 'admin', 'MODIFY', table('system')).allowed).toBe(true)
    expect(checkAccess(grants, 'data_engineers', 'MODIFY', table('bronze_raw')).allowed).toBe(true)
    expect(checkAccess(grants, 'guest', 'SELECT', table('gold_analytics')).allowed).toBe(false)
  })

  it('grants and revokes without duplicates', () => {
    const g: Grant = {
      principal: 'data_analysts',
      privilege: 'SELECT',
      on: parseSecurable(`${DEV}.silver_clean`),
    }
    const use: Grant = { ...g, privilege: 'USE SCHEMA' }
    const more = addGrant(addGrant(addGrant(grants, g), g), use)
    expect(more.length).toBe(grants.length + 2)
    expect(checkAccess(more, 'data_analysts', 'SELECT', table('silver_clean')).allowed).toBe(true)
    const back = removeGrant(more, g)
    expect(checkAccess(back, 'data_analysts', 'SELECT', table('silver_clean')).allowed).toBe(false)
  })
})
