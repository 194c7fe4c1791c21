/**
 * @module cli/wiring/openf1-options
 * Option values checked for `extract`, `replay` and `simulate`: numbers, endpoints (a bad
 * value is a usage error, exit 2).
 */
import { UsageError } from '../../core/index.js'
import { ENDPOINT_NAMES, isEndpointName, type EndpointName } from '../../openf1/index.js'

/** Parses an integer option within [min, max]. */
export function intOption(
  value: string | undefined,
  option: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${option} must be an integer from ${min} to ${max} (got '${value}')`)
  }
  return n
}

/** Parses a number option within [min, max]. */
export function numberOption(
  value: string | undefined,
  option: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`${option} must be a number from ${min} to ${max} (got '${value}')`)
  }
  return n
}

/** Parses `--endpoints a,b` or `all`. */
export function endpointsOption(value: string | undefined): EndpointName[] | undefined {
  if (value === undefined || value.trim() === 'all') return undefined
  const names = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
  const unknown = names.filter((n) => !isEndpointName(n))
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--endpoints: unknown endpoint(s) ${unknown.join(', ') || '(none given)'}; choose from ${ENDPOINT_NAMES.join(', ')} or 'all'`,
    )
  }
  return names.filter(isEndpointName)
}
