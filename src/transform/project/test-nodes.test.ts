import { describe, expect, it } from 'vitest'
import { parseProject } from './parse-project.js'

const BASE = {
  'dbt_project.yml': 'name: pitwall\nprofile: pitwall\n',
  'profiles.yml': `pitwall:\n  target: dev\n  outputs:\n    dev: { type: local, catalog: dev_c, threads: 1 }\n`,
  'models/laps.sql': 'select 1 as lap, 2 as driver',
}

describe('generic test nodes', () => {
  it('reject the same test declared twice on one column, naming both places (as dbt)', () => {
    const p = parseProject({
      ...BASE,
      'models/laps.yml': `models:
  - name: laps
    columns:
      - name: lap
        data_tests:
          - not_null
          - accepted_values: { values: [1, 2] }
          - not_null
          - accepted_values: { values: [1, 2] }
`,
    })
    const dups = p.diagnostics.filter((d) => d.code === 'duplicate-test')
    expect(dups.map((d) => [d.severity, d.params?.name, d.at?.line])).toEqual([
      ['error', 'not_null_laps_lap', 8],
      ['error', 'accepted_values_laps_lap__1__2', 9],
    ])
    expect(dups[0]!.message).toContain('models/laps.yml:6 and models/laps.yml:8')
  })

  it('keep tests that differ in arguments, column or model, and custom-named twins', () => {
    const p = parseProject({
      ...BASE,
      'models/laps.yml': `models:
  - name: laps
    data_tests:
      - dbt_utils.unique_combination_of_columns: { combination_of_columns: [lap, driver] }
    columns:
      - name: lap
        data_tests:
          - not_null
          - accepted_values: { values: [1, 2] }
          - accepted_values: { values: [1, 3] }
          - not_null: { name: lap_present_again, config: { severity: warn } }
      - name: driver
        data_tests: [not_null]
`,
    })
    expect(p.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(Object.keys(p.nodes).filter((k) => k.startsWith('test.')).length).toBe(6)
  })

  it("are named and identified exactly as dbt names jaffle_shop's tests", () => {
    // Ids, names and aliases from manifests dbt wrote for jaffle_shop (dbt-core's own fixtures).
    const p = parseProject({
      'dbt_project.yml': 'name: jaffle_shop\n',
      'profiles.yml': `jaffle_shop:\n  outputs:\n    dev: { type: duckdb, path: jaffle_shop.duckdb }\n`,
      'models/customers.sql': 'select 1 as customer_id',
      'models/orders.sql': "select 1 as order_id, 1 as customer_id, 'placed' as status",
      'models/schema.yml': `version: 2
models:
  - name: customers
    columns:
      - name: customer_id
        tests: [unique, not_null]
  - name: orders
    columns:
      - name: customer_id
        tests:
          - relationships:
              to: ref('customers')
              field: customer_id
      - name: status
        tests:
          - accepted_values:
              values: ['placed', 'shipped', 'completed', 'return_pending', 'returned']
`,
    })
    const tests = Object.values(p.nodes).filter((n) => n.resource_type === 'test')
    expect(tests.map((t) => [t.unique_id, t.alias]).sort()).toEqual([
      [
        'test.jaffle_shop.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3',
        'accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758',
      ],
      [
        'test.jaffle_shop.not_null_customers_customer_id.5c9bf9911d',
        'not_null_customers_customer_id',
      ],
      [
        'test.jaffle_shop.relationships_orders_customer_id__customer_id__ref_customers_.c6ec7f58f2',
        'relationships_orders_customer_id__customer_id__ref_customers_',
      ],
      ['test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1', 'unique_customers_customer_id'],
    ])
    const accepted = tests.find((t) => t.test_metadata?.name === 'accepted_values')!
    expect(accepted.name).toBe(
      'accepted_values_orders_status__placed__shipped__completed__return_pending__returned',
    )
    expect(accepted.path).toBe('accepted_values_orders_1ce6ab157c285f7cd2ac656013faf758.sql')
  })
})
