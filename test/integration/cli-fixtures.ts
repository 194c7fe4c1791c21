/**
 * Delta tables for the CLI tests, written with the lake layer under a lakehouse home:
 * - `dev_f1_data_analytics.silver_clean.plain_t`: one row, no change data feed;
 * - `dev_f1_data_analytics.silver_clean.cdf_t`: created without CDF (version 0), CDF turned on
 *   (version 1, as a model-built table gets it), one row appended (version 2).
 */
import { join } from 'node:path'
import type { DuckDbEngine } from '../../src/engine/index.js'
import {
  createTable,
  LocalObjectStore,
  setTableProperties,
  writeTable,
} from '../../src/lake/index.js'

/** The tables' names (`catalog.schema.table`) and the version of the CDF table's insert. */
export interface TableFixture {
  readonly plain: string
  readonly cdf: string
  readonly cdfInsertVersion: number
}

const CATALOG = 'dev_f1_data_analytics'
const SCHEMA = 'silver_clean'

/** Writes both tables under `home`. */
export async function createTableFixture(
  home: string,
  engine: DuckDbEngine,
): Promise<TableFixture> {
  const target = (table: string) => ({
    store: new LocalObjectStore(join(home, CATALOG, SCHEMA, table)),
    executor: engine,
  })
  await createTable({ ...target('plain_t'), sql: `SELECT 1 AS id, 'a' AS v` })
  await createTable({ ...target('cdf_t'), sql: `SELECT 1 AS id, 'a' AS v` })
  await setTableProperties({
    ...target('cdf_t'),
    set: { 'delta.enableChangeDataFeed': 'true' },
    unset: [],
  })
  const insert = await writeTable({ ...target('cdf_t'), sql: `SELECT 2 AS id, 'b' AS v` })
  return {
    plain: `${CATALOG}.${SCHEMA}.plain_t`,
    cdf: `${CATALOG}.${SCHEMA}.cdf_t`,
    cdfInsertVersion: insert.version,
  }
}
