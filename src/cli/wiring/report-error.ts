/**
 * @module cli/wiring/report-error
 * Prints a failed command's error for humans (message, diagnostics with file:line:col, hint) or as
 * JSON with `--json`, and chooses its exit code. Loaded only when something failed.
 */
import {
  ConfigError,
  EXIT_CODES,
  exitCodeFor,
  formatDiagnostic,
  isWarehouseError,
} from '../../core/index.js'
import type { CliIo } from '../io.js'

/**
 * Error codes of the layers below that mean the user's input was the problem (a selector that
 * does not parse, a vacuum retention under the table's minimum): bad usage, exit 2, although
 * the layer that found it does not know about command lines.
 */
const INPUT_ERROR_CODES: ReadonlySet<string> = new Set([
  'selector-invalid',
  'vacuum-retention',
  'vacuum-retention-too-short',
])

/** The exit code `error` deserves: `core`'s mapping, plus the input errors of the layers. */
export function exitCodeOf(error: unknown): number {
  if (isWarehouseError(error) && INPUT_ERROR_CODES.has(error.code)) return EXIT_CODES.usage
  return exitCodeFor(error)
}

/** Reports `error` on `io`; returns the exit code it deserves. */
export function reportError(error: unknown, io: CliIo, json: boolean): number {
  if (json) {
    const body = isWarehouseError(error)
      ? {
          ...error.toJSON(),
          ...(error instanceof ConfigError ? { diagnostics: error.diagnostics } : {}),
        }
      : {
          name: 'Error',
          code: 'internal',
          message: error instanceof Error ? error.message : String(error),
        }
    io.stdout.write(`${JSON.stringify({ error: body }, null, 2)}\n`)
    return exitCodeOf(error)
  }
  if (error instanceof ConfigError) {
    for (const d of error.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`)
  }
  const message = error instanceof Error ? error.message : String(error)
  io.stderr.write(`error: ${message}\n`)
  if (isWarehouseError(error) && error.hint !== undefined) io.stderr.write(`hint: ${error.hint}\n`)
  if (!isWarehouseError(error) && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(
      `${error.stack}\n(this is a bug in pitwall; please report it with the command you ran)\n`,
    )
  }
  return exitCodeOf(error)
}
