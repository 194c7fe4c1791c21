/**
 * @module web/ui/format
 * How numbers and times read on the pit wall: lap times as `1:07.694`, gaps as `+0.106`,
 * sizes in KB/MB, instants in UTC.
 */

/** Seconds as a lap time: `67.694` → `1:07.694` (a race time: `1:24:23.223`). */
export function lapTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  const hours = Math.floor(seconds / 3600)
  const m = Math.floor((seconds - hours * 3600) / 60)
  const s = seconds - hours * 3600 - m * 60
  const text = s.toFixed(3).padStart(6, '0')
  if (hours > 0) return `${hours}:${String(m).padStart(2, '0')}:${text}`
  return m > 0 ? `${m}:${text}` : s.toFixed(3)
}

/** A gap: `0.106` → `+0.106`; zero or null → `—`. */
export function gap(seconds: number | null | undefined, digits = 3): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  if (seconds === 0) return '—'
  return `${seconds > 0 ? '+' : '−'}${Math.abs(seconds).toFixed(digits)}`
}

/** A number with fixed digits, or `—`. */
export function num(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return value.toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
}

/** Bytes as `12.3 MB`. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = n
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`
}

/** An ISO instant as `2024-06-30 13:03:12 UTC`. */
export function instant(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}

/** A date only: `2024-06-30`. */
export function day(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—'
  return iso.slice(0, 10)
}

/** Seconds as `1 h 12 min`, `3 min 4 s`, `12.3 s`. */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—'
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`
  if (seconds < 86400 * 2)
    return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`
  return `${Math.round(seconds / 86400)} days`
}

/** A percentage: `0.9876` → `98.8%` when `ratio`, else the number itself with `%`. */
export function percent(value: number | null | undefined, ratio = false, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return `${(ratio ? value * 100 : value).toFixed(digits)}%`
}

/** A team colour from the API (`3671C6`, `#3671C6` or null) as CSS. */
export function teamColour(hex: string | null | undefined, fallback = '#888888'): string {
  if (hex === null || hex === undefined || !/^#?[0-9a-f]{6}$/i.test(hex)) return fallback
  return hex.startsWith('#') ? hex : `#${hex}`
}
