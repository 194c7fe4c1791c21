/**
 * @module lake/protocol/intervals
 * Table-property durations such as `delta.setTransactionRetentionDuration` = `interval 1 days`
 * (Spark's `CalendarInterval` text: optional `interval`, then `<n> <unit>` pairs).
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  nanosecond: 1e-6,
  microsecond: 1e-3,
  millisecond: 1,
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
}

/** Milliseconds of an interval text; `undefined` when it cannot be parsed. */
export function parseIntervalMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const body = text
    .trim()
    .toLowerCase()
    .replace(/^interval\s+/, '')
  const re = /(-?\d+(?:\.\d+)?)\s*([a-z]+?)s?(?=\s|$)/g
  let total = 0
  let matched = ''
  for (const m of body.matchAll(re)) {
    const unit = UNIT_MS[m[2] ?? '']
    if (unit === undefined) return undefined
    total += Number(m[1]) * unit
    matched += m[0]
  }
  return matched.replace(/\s/g, '') === body.replace(/\s/g, '') && matched !== ''
    ? total
    : undefined
}
