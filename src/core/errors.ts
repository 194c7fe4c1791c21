/**
 * @module core/errors
 * The root of pitwall's error hierarchy. Every layer has one `*-errors.ts` whose classes extend
 * {@link WarehouseError}; each carries a stable `code` and an optional `cause` (ES2022).
 * Expected outcomes (a failed model, a failed test) are status objects, not errors (STYLE.md §7).
 */
import type { Diagnostic } from './diagnostics.js'

/** Context attached to an error: what was being done and where. Serialisable. */
export type ErrorContext = Readonly<Record<string, unknown>>

/** Options accepted by every pitwall error. */
export interface WarehouseErrorOptions {
  /** The lower-level error that caused this one. */
  readonly cause?: unknown
  /** Extra facts for logs and `--json` output (file, table, version, …). */
  readonly context?: ErrorContext
  /** A sentence telling the user how to fix the problem. */
  readonly hint?: string
}

/** Base class of every error pitwall throws on purpose. */
export class WarehouseError extends Error {
  /** Stable, kebab-case identifier of the failure kind. */
  readonly code: string
  /** Extra facts about the failure. */
  readonly context: ErrorContext
  /** How to fix it, when we know. */
  readonly hint: string | undefined

  constructor(code: string, message: string, options: WarehouseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.context = options.context ?? {}
    this.hint = options.hint
  }

  /** A plain object for `--json` output and logs. */
  toJSON(): Record<string, unknown> {
    const cause = this.cause
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(Object.keys(this.context).length === 0 ? {} : { context: this.context }),
      ...(cause === undefined
        ? {}
        : { cause: cause instanceof Error ? { name: cause.name, message: cause.message } : cause }),
    }
  }
}

/** The command line was used wrongly (unknown option, missing argument). Exit code 2. */
export class UsageError extends WarehouseError {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('usage', message, options)
  }
}

/** A configuration file is invalid. Carries every diagnostic found. Exit code 2. */
export class ConfigError extends WarehouseError {
  /** Every problem found, each with its file and line. */
  readonly diagnostics: readonly Diagnostic[]

  constructor(
    message: string,
    diagnostics: readonly Diagnostic[],
    options: WarehouseErrorOptions = {},
  ) {
    super('config-invalid', message, options)
    this.diagnostics = diagnostics
  }
}

/** A command or stage exists in the design but is not built yet. Exit code 2. */
export class NotBuiltError extends WarehouseError {
  constructor(what: string, issue?: number) {
    // Name what the user has: the issue, or the README's Status table (not a design file).
    const where =
      issue === undefined ? "planned: see the README's Status table" : `tracked in issue #${issue}`
    super('not-built', `${what} is not built yet (${where}).`, {
      context: { what, ...(issue === undefined ? {} : { issue }) },
      hint: 'Run `pitwall --help` to see which commands work today.',
    })
  }
}

/**
 * A server could not listen because its port is taken (or not allowed). Exit code 2: the user
 * picks another `--port`. The message is one line naming the port.
 */
export class PortInUseError extends WarehouseError {
  /** The port asked for. */
  readonly port: number

  constructor(
    port: number,
    host: string,
    options: { readonly cause?: unknown; readonly denied?: boolean } = {},
  ) {
    const what =
      options.denied === true ? 'cannot be used (permission denied)' : 'is already in use'
    super(
      'port-in-use',
      `port ${port} on ${host} ${what}; stop what is listening there or choose another with --port (0 = any free port)`,
      { cause: options.cause, context: { port, host } },
    )
    this.port = port
  }
}

/** Type guard for pitwall's own errors. */
export function isWarehouseError(value: unknown): value is WarehouseError {
  return value instanceof WarehouseError
}

/** Exit codes of the `pitwall` command. */
export const EXIT_CODES = {
  /** Everything worked. */
  ok: 0,
  /** The work ran but some of it failed (a model, a test, a session). */
  failures: 1,
  /** Bad usage or configuration: nothing was run. */
  usage: 2,
} as const

/** Maps an error to the exit code it deserves. */
export function exitCodeFor(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof NotBuiltError ||
    error instanceof PortInUseError
  ) {
    return EXIT_CODES.usage
  }
  return EXIT_CODES.failures
}
