/** The warehouse project parsed for a Databricks target (`f1_prod`), for the Databricks tests. */
import { parseProject, type ParsedProject } from '../../src/transform/index.js'
import { warehouseFiles } from './warehouse-support.js'

/** profiles.yml with one `type: databricks` output (no secret in the file). */
export const DATABRICKS_PROFILES = `pitwall:
  target: prod
  outputs:
    prod:
      type: databricks
      catalog: f1_prod
      host: dbc-0000.cloud.databricks.com
      http_path: /sql/1.0/warehouses/0000
      threads: 1
`

/** `warehouse/` with a Databricks target. */
export function databricksProject(): ParsedProject {
  return parseProject({ ...warehouseFiles(), 'profiles.yml': DATABRICKS_PROFILES })
}
