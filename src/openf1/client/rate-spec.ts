/**
 * @module openf1/client/rate-spec
 * Parses `--rate` values such as `3/s,30/min` into rate windows.
 */
import { UsageError } from '../../core/index.js'

/** At most `limit` requests in any `windowMs` milliseconds. */
export interface RateWindow {
  /** Requests allowed per window. */
  readonly limit: number
  /** Window length in milliseconds. */
  readonly windowMs: number
}

/** The free tier: 3 requests per second and 30 per minute (API.md §2). */
export const FREE_TIER_RATE: readonly RateWindow[] = [
  { limit: 3, windowMs: 1000 },
  { limit: 30, windowMs: 60_000 },
]

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
}

/**
 * Parses `N/unit[,N/unit…]`; the unit may carry a count (`30/10s`). Throws {@link UsageError}
 * naming the bad part.
 */
export function parseRateSpec(spec: string, option = '--rate'): RateWindow[] {
  const parts = spec
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
  if (parts.length === 0) throw new UsageError(`${option} is empty; expected e.g. 3/s,30/min`)
  return parts.map((part) => {
    const m = /^(\d+)\s*\/\s*(\d*(?:\.\d+)?)\s*([a-z]+)$/i.exec(part)
    const unit = m?.[3]?.toLowerCase()
    const scale = unit === undefined ? undefined : UNITS[unit]
    if (m === null || scale === undefined || Number(m[1]) <= 0) {
      throw new UsageError(
        `${option}: cannot read '${part}'; expected <requests>/<unit> with unit ms, s, min or h (e.g. 6/s,60/min)`,
      )
    }
    const count = m[2] === '' || m[2] === undefined ? 1 : Number(m[2])
    if (!(count > 0)) throw new UsageError(`${option}: the window of '${part}' must be positive`)
    return { limit: Number(m[1]), windowMs: count * scale }
  })
}

/** Formats windows back to `3/1s,30/60s` for logs and reports. */
export function formatRateSpec(windows: readonly RateWindow[]): string {
  return windows.map((w) => `${w.limit}/${w.windowMs / 1000}s`).join(',')
}
