/**
 * @module openf1/simulate/sim-dates
 * Dates in the API's format: `2024-06-30T13:04:14.597000+00:00`, the fraction dropped when it is
 * zero (API.md §5.1).
 */

/** Formats epoch ms the way the API does. */
export function apiDate(ms: number): string {
  const iso = new Date(Math.round(ms)).toISOString()
  const frac = iso.slice(20, 23)
  return frac === '000' ? `${iso.slice(0, 19)}+00:00` : `${iso.slice(0, 19)}.${frac}000+00:00`
}

/** Formats epoch ms without a fraction (race control, sessions). */
export function apiDateSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`
}

/** `"02:00:00"` / `"-04:00:00"` for a UTC offset in hours. */
export function gmtOffset(hours: number): string {
  const sign = hours < 0 ? '-' : ''
  return `${sign}${String(Math.abs(hours)).padStart(2, '0')}:00:00`
}
