/**
 * @module pipeline/run-id
 * Run ids that sort by start time (`20241201-143012-3fa9c1`): UTC date and time of the start and
 * six random hex digits, readable in a terminal and unique enough for one lakehouse.
 */
import { randomBytes } from 'node:crypto'

/** A new run id for a run starting at `now`. */
export function newRunId(now: Date = new Date()): string {
  const iso = now.toISOString() // 2024-12-01T14:30:12.345Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

/** True for a string shaped like a run id (a cheap check before looking it up). */
export function isRunId(value: string): boolean {
  return /^\d{8}-\d{6}-[0-9a-f]{6}$/.test(value)
}
