/**
 * @module core/logger
 * Structured logging. Lines go to a {@link LogSink} given by the caller (the CLI passes stderr),
 * so this module does no I/O: human-readable lines on a terminal, JSON lines with `--json`.
 */

/** Log levels, most verbose first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Where log lines go. */
export interface LogSink {
  /** Writes one complete line (without the trailing newline). */
  writeLine(line: string): void
}

/** Fields attached to a log record. Values must be JSON-serialisable. */
export type LogFields = Readonly<Record<string, unknown>>

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Records below this level are dropped. */
  readonly level: LogLevel
  /** `human` for terminals, `json` for machines (one JSON object per line). */
  readonly format: 'human' | 'json'
  /** Where lines go. */
  readonly sink: LogSink
  /** Clock, injectable for tests. */
  readonly now?: () => Date
  /** Fields added to every record (e.g. `invocation_id`). */
  readonly base?: LogFields
  /** Use ANSI colours in human output. */
  readonly color?: boolean
}

/** A structured logger. */
export interface Logger {
  debug(message: string, fields?: LogFields): void
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** A logger that adds `fields` to every record. */
  child(fields: LogFields): Logger
  /** True when records at `level` are written. */
  enabled(level: LogLevel): boolean
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 }
const COLOR: Record<Exclude<LogLevel, 'silent'>, string> = {
  debug: '\u001b[90m',
  info: '\u001b[36m',
  warn: '\u001b[33m',
  error: '\u001b[31m',
}

/** Type guard for log level names (used when parsing `--log-level`). */
export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value)
}

/** Creates a logger writing to `options.sink`. */
export function createLogger(options: LoggerOptions): Logger {
  const now = options.now ?? (() => new Date())
  const base = options.base ?? {}
  const write = (level: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields): void => {
    if (RANK[level] < RANK[options.level]) return
    const all = { ...base, ...fields }
    if (options.format === 'json') {
      options.sink.writeLine(
        JSON.stringify({ ts: now().toISOString(), level, msg: message, ...all }),
      )
      return
    }
    const time = now().toISOString().slice(11, 19)
    const extra = Object.entries(all)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ')
    const tag = options.color ? `${COLOR[level]}${level.padEnd(5)}\u001b[0m` : level.padEnd(5)
    options.sink.writeLine(`${time} ${tag} ${message}${extra === '' ? '' : `  ${extra}`}`)
  }
  return {
    debug: (m, f = {}) => write('debug', m, f),
    info: (m, f = {}) => write('info', m, f),
    warn: (m, f = {}) => write('warn', m, f),
    error: (m, f = {}) => write('error', m, f),
    child: (fields) => createLogger({ ...options, base: { ...base, ...fields } }),
    enabled: (level) => RANK[level] >= RANK[options.level] && options.level !== 'silent',
  }
}

/** A logger that drops everything (tests, library use). */
export const SILENT_LOGGER: Logger = createLogger({
  level: 'silent',
  format: 'json',
  sink: { writeLine: () => undefined },
})
