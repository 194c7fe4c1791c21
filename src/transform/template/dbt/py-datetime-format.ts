/**
 * @module transform/template/dbt/py-datetime-format
 * `strftime`, `strptime` and ISO 8601 parsing for `modules.datetime`, on UTC microseconds.
 */
import { runtimeError } from '../jinja/errors.js'

const US_PER_DAY = 86_400_000_000
/** Month names, January first. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** Parsed calendar fields: year, month, day, hour, minute, second, microsecond. */
export interface DateParts {
  readonly parts: readonly number[]
  /** Whether the text had a UTC offset (the result is then aware). */
  readonly utc: boolean
  /** The offset to subtract to get UTC, in minutes. */
  readonly offsetMinutes: number
}

export function strftime(us: number, fmt: string, utc: boolean): string {
  const d = new Date(Math.floor(us / 1000))
  const dt = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond: ((us % 1_000_000) + 1_000_000) % 1_000_000,
  }
  const dayNumber = Math.floor(us / US_PER_DAY)
  const dayOfYear = dayNumber - Math.floor(Date.UTC(dt.year, 0, 1) / 86_400_000) + 1
  const wd = (d.getUTCDay() + 6) % 7
  return fmt.replace(/%([a-zA-Z%])/g, (all, c: string) => {
    switch (c) {
      case 'Y':
        return pad(dt.year, 4)
      case 'y':
        return pad(dt.year % 100)
      case 'm':
        return pad(dt.month)
      case 'd':
        return pad(dt.day)
      case 'H':
        return pad(dt.hour)
      case 'I':
        return pad(dt.hour % 12 === 0 ? 12 : dt.hour % 12)
      case 'p':
        return dt.hour < 12 ? 'AM' : 'PM'
      case 'M':
        return pad(dt.minute)
      case 'S':
        return pad(dt.second)
      case 'f':
        return pad(dt.microsecond, 6)
      case 'j':
        return pad(dayOfYear, 3)
      case 'b':
        return MONTHS[dt.month - 1]!.slice(0, 3)
      case 'B':
        return MONTHS[dt.month - 1]!
      case 'a':
        return DAYS[wd]!.slice(0, 3)
      case 'A':
        return DAYS[wd]!
      case 'w':
        return String((wd + 1) % 7)
      case 'z':
        return utc ? '+0000' : ''
      case 'Z':
        return utc ? 'UTC' : ''
      case '%':
        return '%'
      default:
        return all
    }
  })
}

export function strptime(s: string, fmt: string): DateParts {
  const parts = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 }
  let utc = false
  let re = ''
  const order: string[] = []
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!
    if (c !== '%') {
      re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      continue
    }
    const d = fmt[++i]!
    const pat = {
      Y: '(\\d{4})',
      y: '(\\d{2})',
      m: '(\\d{1,2})',
      d: '(\\d{1,2})',
      H: '(\\d{1,2})',
      M: '(\\d{1,2})',
      S: '(\\d{1,2})',
      f: '(\\d{1,6})',
      j: '(\\d{1,3})',
      b: '([A-Za-z]{3})',
      B: '([A-Za-z]+)',
      z: '([-+]\\d{2}:?\\d{2}|Z)',
      '%': '%',
    }[d]
    if (pat === undefined) throw runtimeError(`strptime: unsupported directive %${d}`)
    re += pat
    if (d !== '%') order.push(d)
  }
  const m = new RegExp(`^${re}$`).exec(s)
  if (m === null) throw runtimeError(`time data '${s}' does not match format '${fmt}'`)
  order.forEach((d, i) => {
    const v = m[i + 1]!
    if (d === 'y') parts.Y = 2000 + Number(v) - (Number(v) >= 69 ? 100 : 0)
    else if (d === 'b' || d === 'B')
      parts.m = MONTHS.findIndex((x) => x.toLowerCase().startsWith(v.toLowerCase().slice(0, 3))) + 1
    else if (d === 'f') parts.f = Number(v.padEnd(6, '0'))
    else if (d === 'z') utc = true
    else if (d in parts) parts[d as keyof typeof parts] = Number(v)
  })
  return {
    parts: [parts.Y, parts.m, parts.d, parts.H, parts.M, parts.S, parts.f],
    utc,
    offsetMinutes: 0,
  }
}

/** Parses `YYYY-MM-DD[THH:MM[:SS[.ffffff]]][Z|±HH:MM]`. */
export function parseIso(s: string): DateParts {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[-+]\d{2}:?\d{2})?$/.exec(
      s.trim(),
    )
  if (m === null) throw runtimeError(`Invalid isoformat string: '${s}'`)
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]))
  const parts = [
    n(1),
    n(2),
    n(3),
    n(4),
    n(5),
    n(6),
    m[7] === undefined ? 0 : Number(m[7].padEnd(6, '0')),
  ]
  const off = m[8]
  if (off === undefined || off === 'Z') return { parts, utc: off !== undefined, offsetMinutes: 0 }
  const sign = off.startsWith('-') ? -1 : 1
  const [hh, mm] = [Number(off.slice(1, 3)), Number(off.slice(-2))]
  return { parts, utc: true, offsetMinutes: sign * (hh * 60 + mm) }
}
