/**
 * @module cli/main
 * The composition root: parses the command line, runs the command, maps failures to exit codes
 * (0 ok, 1 failures in the work, 2 bad usage or config) and prints errors a user can act on.
 */
import { CommanderError } from 'commander'
import {
  ConfigError,
  EXIT_CODES,
  exitCodeFor,
  formatDiagnostic,
  isWarehouseError,
} from '../core/index.js'
import type { CliContext } from './context.js'
import type { CliIo } from './io.js'
import { buildProgram } from './program.js'

/** Runs `pitwall` with `argv` (without `node` and the script path). Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let ctx: CliContext | undefined
  const program = buildProgram(io, (c) => (ctx = c))
  const json = argv.includes('--json')
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return ctx?.exitCode() ?? EXIT_CODES.ok
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT_CODES.ok
      }
      if (json)
        io.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: error.message } })}\n`)
      return EXIT_CODES.usage
    }
    reportError(error, io, json)
    return exitCodeFor(error)
  }
}

function reportError(error: unknown, io: CliIo, json: boolean): void {
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
    return
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
}
