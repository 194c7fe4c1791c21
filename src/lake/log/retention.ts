/**
 * @module lake/log/retention
 * Delta's retention durations (`delta.deletedFileRetentionDuration`, `delta.logRetentionDuration`,
 * Spark's `CalendarInterval` strings such as `interval 1 week`, `interval 30 days`, `168 hours`).
 */
import { DeltaError } from '../lake-errors.js'

const UNIT_HOURS: Readonly<Record<string, number>> = {
  week: 168,
  day: 24,
  hour: 1,
  minute: 1 / 60,
  second: 1 / 3600,
  millisecond: 1 / 3_600_000,
}

/** Parses an interval string into hours. @throws DeltaError naming the bad value. */
export function parseIntervalHours(value: string): number {
  const text = value
    .trim()
    .toLowerCase()
    .replace(/^interval\s+/, '')
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)/g)]
  const compact = /^(\d+(?:\.\d+)?)(h|d|m|s|w)$/.exec(text)
  if (compact !== null) {
    const unit = { h: 'hour', d: 'day', m: 'minute', s: 'second', w: 'week' }[compact[2] as 'h']
    return Number(compact[1]) * (UNIT_HOURS[unit] ?? 1)
  }
  if (parts.length === 0) {
    throw new DeltaError(
      'invalid-interval',
      `'${value}' is not an interval (e.g. 'interval 7 days' or '168h')`,
    )
  }
  let hours = 0
  for (const [, n, rawUnit] of parts) {
    const unit = (rawUnit ?? '').replace(/s$/, '')
    const factor = UNIT_HOURS[unit]
    if (factor === undefined) {
      throw new DeltaError(
        'invalid-interval',
        `'${value}': unknown unit '${rawUnit}' (use weeks, days, hours, minutes, seconds)`,
      )
    }
    hours += Number(n) * factor
  }
  return hours
}

/** A retention in milliseconds from a table property, or `defaultHours` when it is unset. */
export function retentionMs(property: string | undefined, defaultHours: number): number {
  return (property === undefined ? defaultHours : parseIntervalHours(property)) * 3_600_000
}
