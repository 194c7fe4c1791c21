import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DuckDbEngine } from '../../engine/index.js'
import { isUnknownRelation, unknownRelationHint } from './sql-hints.js'

let engine: DuckDbEngine
beforeAll(async () => {
  engine = await DuckDbEngine.create()
})
afterAll(() => engine.close())

async function messageOf(sql: string): Promise<string> {
  const error = await engine.query(sql).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(Error)
  return (error as Error).message
}

describe('unknown relations', () => {
  it('recognise an unknown table, schema and catalog alike, from the engine’s own words', async () => {
    for (const sql of [
      'select * from nosuch_table',
      'select * from nosuch_schema.t',
      'select * from nosuch_catalog.gold_analytics.race_results',
    ]) {
      expect(isUnknownRelation(await messageOf(sql)), sql).toBe(true)
    }
    expect(isUnknownRelation(await messageOf('select nosuch_column from range(1)'))).toBe(false)
    expect(isUnknownRelation(await messageOf('selec 1'))).toBe(false)
  })

  it('hint names the catalogs and how to list tables', () => {
    expect(unknownRelationHint(['dev_f1_data_analytics', 'prod_f1_data_analytics'])).toBe(
      'Tables are catalog.schema.table (catalogs: dev_f1_data_analytics, prod_f1_data_analytics); list them with: pitwall sql "select table_catalog, table_schema, table_name from information_schema.tables"',
    )
  })
})
