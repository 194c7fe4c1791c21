import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileNode } from '../../src/transform/index.js'
import { snapshotChangesSql, snapshotSpec } from '../../src/transform/snapshot/snapshot-sql.js'
import { REPO_ROOT } from '../helpers/cli.js'
import { fixtureProject } from './transform-fixture.js'

/** Compares with test/goldens/<name>.sql; UPDATE_GOLDENS=1 rewrites the file instead. */
function golden(name: string, sql: string): void {
  const file = join(REPO_ROOT, 'test', 'goldens', `${name}.sql`)
  if (process.env['UPDATE_GOLDENS'] === '1' || !existsSync(file)) {
    if (process.env['CI'] !== undefined && !existsSync(file))
      throw new Error(`missing golden ${file}`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${sql}\n`)
  }
  expect(`${sql}\n`).toBe(readFileSync(file, 'utf8'))
}

describe('compiled SQL goldens', () => {
  const project = fixtureProject()
  const compile = (id: string, isIncremental = false): string => {
    const r = compileNode(project, id, { isIncremental })
    if (!r.ok) throw new Error(r.diagnostic.message)
    return r.node.compiled_code
  }

  it('inlines ephemeral models as CTEs and renders both branches of is_incremental()', () => {
    golden('transform/silver_laps_merge.full', compile('model.pitwall.silver_laps_merge'))
    golden(
      'transform/silver_laps_merge.incremental',
      compile('model.pitwall.silver_laps_merge', true),
    )
  })

  it('resolves macros, adapter.dispatch and refs to three-level names', () => {
    golden('transform/fact_laps', compile('model.pitwall.fact_laps'))
    golden('transform/silver_drivers', compile('model.pitwall.silver_drivers'))
  })

  it('renders generic tests from their macros', () => {
    for (const n of Object.values(project.nodes)) {
      if (n.test_metadata === undefined) continue
      // Named as dbt names the compiled file: the alias (short name) of the test.
      golden(`transform/tests/${n.alias}`, compile(n.unique_id))
    }
  })

  it('renders the SCD2 change query', () => {
    const node = project.nodes['snapshot.pitwall.driver_team_check']!
    const sql = snapshotChangesSql(
      snapshotSpec(node.config),
      'select * from src',
      '"dev_f1_data_analytics"."gold_analytics"."driver_team_check"',
      [
        'driver_number',
        'full_name',
        'team_name',
        'updated_at',
        'dbt_scd_id',
        'dbt_updated_at',
        'dbt_valid_from',
        'dbt_valid_to',
        'dbt_is_deleted',
      ],
      ['driver_number', 'full_name', 'team_name', 'updated_at'],
      "'2025-01-01T00:00:00Z'",
    )
    golden('transform/snapshot_check_new_record', sql)
  })
})
