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

const DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/

/** Parses a date option (`2024-06-30` or an ISO 8601 date-time); returns it as given. */
export function dateOption(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined
  if (!DATE.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `${option} must be a date, e.g. 2024-06-30 or 2024-06-30T14:00:00Z (got '${value}')`,
    )
  }
  return value
}

/** Parses `--base-url`: an http(s) URL. */
export function urlOption(value: string, option: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new UsageError(`${option} must be a URL, e.g. http://127.0.0.1:8000/v1 (got '${value}')`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`${option} must be an http:// or https:// URL (got '${value}')`)
  return value
}
