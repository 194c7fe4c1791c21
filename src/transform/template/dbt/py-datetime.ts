/**
 * @module transform/template/dbt/py-datetime
 * `modules.datetime` (and a UTC-only `modules.pytz`): `datetime`, `date`, `timedelta` and
 * `timezone.utc` with the methods dbt projects call (`now`, `strftime`, `strptime`, `isoformat`,
 * `replace`, arithmetic and comparison). Time is kept as UTC microseconds; a datetime is naive
 * or UTC-aware. Other time zones are not available (no tz database in a pure module).
 */
import { runtimeError } from '../jinja/errors.js'
import { parseIso, strftime, strptime, type DateParts } from './py-datetime-format.js'
import {
  type Kwargs,
  NOT_IMPLEMENTED,
  PY_OP,
  PyFunction,
  pyFloat,
  str,
  toNumber,
} from '../jinja/values.js'

const US_PER_DAY = 86_400_000_000
const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** `datetime.timedelta`. */
export class PyTimedelta {
  constructor(readonly us: number) {}
  get days(): number {
    return Math.floor(this.us / US_PER_DAY)
  }
  get seconds(): number {
    return Math.floor((this.us - this.days * US_PER_DAY) / 1_000_000)
  }
  get microseconds(): number {
    return this.us - this.days * US_PER_DAY - this.seconds * 1_000_000
  }
  readonly total_seconds = new PyFunction('total_seconds', () => pyFloat(this.us / 1_000_000))
  toString(): string {
    const d = this.days
    const s = this.seconds
    const hms = `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`
    const us = this.microseconds === 0 ? '' : `.${pad(this.microseconds, 6)}`
    return (d === 0 ? '' : `${d} day${Math.abs(d) === 1 ? '' : 's'}, `) + hms + us
  }
  [PY_OP](op: string, other: unknown, reflected: boolean): unknown {
    if (other instanceof PyTimedelta) {
      if (op === '+') return new PyTimedelta(this.us + other.us)
      if (op === '-') return new PyTimedelta(reflected ? other.us - this.us : this.us - other.us)
      if (op === '==') return this.us === other.us
      if (op === '<') return this.us < other.us
      if (op === '>') return this.us > other.us
    }
    if (op === '*' && typeof other === 'number') return new PyTimedelta(Math.round(this.us * other))
    return NOT_IMPLEMENTED
  }
}

/** `datetime.date`. */
export class PyDate {
  /** Days since 1970-01-01. */
  constructor(readonly dayNumber: number) {}
  private get d(): Date {
    return new Date(this.dayNumber * 86_400_000)
  }
  get year(): number {
    return this.d.getUTCFullYear()
  }
  get month(): number {
    return this.d.getUTCMonth() + 1
  }
  get day(): number {
    return this.d.getUTCDate()
  }
  readonly isoformat = new PyFunction('isoformat', () => this.toString())
  readonly strftime = new PyFunction('strftime', ([f]) =>
    strftime(this.dayNumber * US_PER_DAY, str(f), false),
  )
  readonly weekday = new PyFunction('weekday', () => (this.d.getUTCDay() + 6) % 7)
  readonly isoweekday = new PyFunction('isoweekday', () => ((this.d.getUTCDay() + 6) % 7) + 1)
  readonly replace = new PyFunction('replace', (_a, kw) =>
    PyDate.of(num(kw, 'year', this.year), num(kw, 'month', this.month), num(kw, 'day', this.day)),
  )
  static of(y: number, m: number, d: number): PyDate {
    return new PyDate(Math.floor(Date.UTC(y, m - 1, d) / 86_400_000))
  }
  toString(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`
  }
  [PY_OP](op: string, other: unknown, reflected: boolean): unknown {
    if (other instanceof PyTimedelta && !reflected && (op === '+' || op === '-')) {
      const days = Math.floor(other.us / US_PER_DAY)
      return new PyDate(this.dayNumber + (op === '+' ? days : -days))
    }
    if (other instanceof PyTimedelta && reflected && op === '+')
      return new PyDate(this.dayNumber + other.days)
    if (other instanceof PyDate && !(other instanceof PyDateTime)) {
      if (op === '-')
        return new PyTimedelta(
          (reflected ? other.dayNumber - this.dayNumber : this.dayNumber - other.dayNumber) *
            US_PER_DAY,
        )
      if (op === '==') return this.dayNumber === other.dayNumber
      if (op === '<') return this.dayNumber < other.dayNumber
      if (op === '>') return this.dayNumber > other.dayNumber
    }
    return NOT_IMPLEMENTED
  }
}

/** `datetime.datetime` (naive or UTC-aware). */
export class PyDateTime extends PyDate {
  constructor(
    readonly us: number,
    readonly utc: boolean,
  ) {
    super(Math.floor(us / US_PER_DAY))
  }
  private get within(): number {
    return this.us - this.dayNumber * US_PER_DAY
  }
  get hour(): number {
    return Math.floor(this.within / 3_600_000_000)
  }
  get minute(): number {
    return Math.floor(this.within / 60_000_000) % 60
  }
  get second(): number {
    return Math.floor(this.within / 1_000_000) % 60
  }
  get microsecond(): number {
    return this.within % 1_000_000
  }
  get tzinfo(): unknown {
    return this.utc ? UTC : null
  }
  override readonly isoformat = new PyFunction('isoformat', ([sep]) =>
    this.iso(sep === undefined ? 'T' : str(sep)),
  )
  override readonly strftime = new PyFunction('strftime', ([f]) =>
    strftime(this.us, str(f), this.utc),
  )
  readonly date = new PyFunction('date', () => new PyDate(this.dayNumber))
  readonly timestamp = new PyFunction('timestamp', () => pyFloat(this.us / 1_000_000))
  readonly astimezone = new PyFunction('astimezone', () => new PyDateTime(this.us, true))
  override readonly replace = new PyFunction('replace', (_a, kw) => {
    const tz = 'tzinfo' in kw ? kw['tzinfo'] !== null : this.utc
    return PyDateTime.from(
      [
        num(kw, 'year', this.year),
        num(kw, 'month', this.month),
        num(kw, 'day', this.day),
        num(kw, 'hour', this.hour),
        num(kw, 'minute', this.minute),
        num(kw, 'second', this.second),
        num(kw, 'microsecond', this.microsecond),
      ],
      tz,
    )
  })
  static from(parts: readonly number[], utc: boolean): PyDateTime {
    const [y, mo = 1, d = 1, h = 0, mi = 0, s = 0, us = 0] = parts
    return new PyDateTime(Date.UTC(y!, mo - 1, d, h, mi, s) * 1000 + us, utc)
  }
  private iso(sep: string): string {
    const us = this.microsecond === 0 ? '' : `.${pad(this.microsecond, 6)}`
    return `${super.toString()}${sep}${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}${us}${this.utc ? '+00:00' : ''}`
  }
  override toString(): string {
    return this.iso(' ')
  }
  override [PY_OP](op: string, other: unknown, reflected: boolean): unknown {
    if (other instanceof PyTimedelta && (op === '+' || (op === '-' && !reflected))) {
      return new PyDateTime(op === '+' ? this.us + other.us : this.us - other.us, this.utc)
    }
    if (other instanceof PyDateTime) {
      if (op === '-') return new PyTimedelta(reflected ? other.us - this.us : this.us - other.us)
      if (op === '==') return this.us === other.us
      if (op === '<') return this.us < other.us
      if (op === '>') return this.us > other.us
    }
    return NOT_IMPLEMENTED
  }
}

function num(kw: Kwargs, name: string, dflt: number): number {
  return name in kw ? toNumber(kw[name] as number) : dflt
}

/** A datetime from parsed fields (shifted to UTC when they carried an offset). */
function fromParts(p: DateParts): PyDateTime {
  const dt = PyDateTime.from(p.parts, p.utc)
  return p.offsetMinutes === 0 ? dt : new PyDateTime(dt.us - p.offsetMinutes * 60_000_000, true)
}

const UTC = {
  toString: (): string => 'UTC',
  utcoffset: new PyFunction('utcoffset', () => new PyTimedelta(0)),
}

/** The current time (UTC-aware when `tz` is given, naive otherwise — UTC either way). */
function now(utc: boolean): PyDateTime {
  return new PyDateTime(Date.now() * 1000, utc)
}

const ints = (args: unknown[]): number[] => args.map((a) => toNumber(a as number))

/** A datetime for `iso` (ISO 8601), UTC-aware. For `run_started_at`. */
export function utcDateTime(iso: string): PyDateTime {
  const ms = Date.parse(iso)
  return new PyDateTime((Number.isNaN(ms) ? 0 : ms) * 1000, true)
}

/** The `datetime` module object. */
export function pyDatetimeModule(): Record<string, unknown> {
  const datetimeClass = Object.assign(
    new PyFunction('datetime', (args, kw) => {
      const keys = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond']
      const parts = keys.map((k, i) =>
        i < args.length ? toNumber(args[i] as number) : num(kw, k, i < 3 ? 1 : 0),
      )
      return PyDateTime.from(parts, kw['tzinfo'] !== undefined && kw['tzinfo'] !== null)
    }),
    {
      now: new PyFunction('now', ([tz], kw) => now((tz ?? kw['tz'] ?? null) !== null)),
      utcnow: new PyFunction('utcnow', () => now(false)),
      today: new PyFunction('today', () => now(false)),
      strptime: new PyFunction('strptime', ([s, f]) => fromParts(strptime(str(s), str(f)))),
      fromisoformat: new PyFunction('fromisoformat', ([s]) => fromParts(parseIso(str(s)))),
      fromtimestamp: new PyFunction(
        'fromtimestamp',
        ([t], kw) =>
          new PyDateTime(Math.round(toNumber(t as number) * 1e6), kw['tz'] !== undefined),
      ),
      utcfromtimestamp: new PyFunction(
        'utcfromtimestamp',
        ([t]) => new PyDateTime(Math.round(toNumber(t as number) * 1e6), false),
      ),
      combine: new PyFunction(
        'combine',
        ([d]) => new PyDateTime((d as PyDate).dayNumber * US_PER_DAY, false),
      ),
    },
  )
  const dateClass = Object.assign(
    new PyFunction('date', (args) => {
      const [y, m, d] = ints(args)
      return PyDate.of(y!, m!, d!)
    }),
    {
      today: new PyFunction('today', () => new PyDate(Math.floor(Date.now() / 86_400_000))),
      fromisoformat: new PyFunction(
        'fromisoformat',
        ([s]) => new PyDate(fromParts(parseIso(str(s))).dayNumber),
      ),
    },
  )
  return {
    datetime: datetimeClass,
    date: dateClass,
    timedelta: new PyFunction('timedelta', (args, kw) => {
      const units: [string, number][] = [
        ['days', US_PER_DAY],
        ['seconds', 1_000_000],
        ['microseconds', 1],
        ['milliseconds', 1000],
        ['minutes', 60_000_000],
        ['hours', 3_600_000_000],
        ['weeks', 7 * US_PER_DAY],
      ]
      let us = 0
      units.forEach(([name, f], i) => {
        const v = i < args.length ? args[i] : kw[name]
        if (v !== undefined) us += toNumber(v as number) * f
      })
      return new PyTimedelta(Math.round(us))
    }),
    timezone: { utc: UTC },
    MINYEAR: 1,
    MAXYEAR: 9999,
  }
}

/** A UTC-only `pytz`. */
export function pyPytzModule(): Record<string, unknown> {
  return {
    utc: UTC,
    UTC,
    timezone: new PyFunction('timezone', ([name]) => {
      if (str(name).toUpperCase() === 'UTC') return UTC
      throw runtimeError(`pytz: time zone '${str(name)}' is not available (pitwall has UTC only)`)
    }),
  }
}
