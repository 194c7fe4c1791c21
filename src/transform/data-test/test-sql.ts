/**
 * @module transform/data-test/test-sql
 * dbt's test wrapper: a test query returns failing rows; the wrapper counts them with `fail_calc`
 * and evaluates `warn_if` / `error_if`, and `severity` turns that into pass, warn or fail.
 */

/** Test configs that decide the outcome. */
export interface TestOutcomeConfig {
  readonly severity: string
  readonly warn_if: string
  readonly error_if: string
  readonly fail_calc: string
  readonly limit: number | null
}

/** Reads the outcome configs from a node config (with dbt's defaults). */
export function testOutcomeConfig(config: Readonly<Record<string, unknown>>): TestOutcomeConfig {
  const limit = config['limit']
  return {
    severity: String(config['severity'] ?? 'ERROR').toUpperCase(),
    warn_if: String(config['warn_if'] ?? '!= 0'),
    error_if: String(config['error_if'] ?? '!= 0'),
    fail_calc: String(config['fail_calc'] ?? 'count(*)'),
    limit: typeof limit === 'number' ? limit : null,
  }
}

/** The query returning `failures`, `should_warn` and `should_error`. */
export function wrapTestSql(sql: string, c: TestOutcomeConfig): string {
  const limit = c.limit === null ? '' : `\nlimit ${c.limit}`
  return `select
  ${c.fail_calc} as failures,
  (${c.fail_calc}) ${c.warn_if} as should_warn,
  (${c.fail_calc}) ${c.error_if} as should_error
from (
${sql}${limit}
) dbt_internal_test`
}

/** pass, warn or fail from the wrapper's row (dbt's rule). */
export function testStatus(
  row: { should_warn: unknown; should_error: unknown },
  severity: string,
): 'pass' | 'warn' | 'fail' {
  if (severity === 'ERROR' && truthy(row.should_error)) return 'fail'
  if (truthy(row.should_warn)) return 'warn'
  return 'pass'
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === 'true'
}
