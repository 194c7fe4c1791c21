/**
 * @module cli/main
 * The composition root's entry: parses the command line, runs the command, maps failures to exit
 * codes (0 ok, 1 failures in the work, 2 bad usage or configuration) and prints errors a user can
 * act on. Only commander and the command specs load up front; `core` (and its schemas) loads when
 * a command runs or an error is reported.
 */
import { CommanderError } from 'commander'
import type { CliContext } from './context.js'
import type { CliIo } from './io.js'
import { packageVersion } from './paths.js'
import { buildProgram, versionRequested } from './program.js'

/** Exit codes as the README states them (mirrors `core`'s `EXIT_CODES`, loaded lazily). */
const OK = 0
const USAGE = 2

/** commander codes that mean "help or version was printed", not a failure. */
const INFORMATIONAL = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version'])

/** Runs `pitwall` with `argv` (without `node` and the script path). Resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  if (versionRequested(argv)) {
    io.stdout.write(`${packageVersion()}\n`)
    return OK
  }
  let ctx: CliContext | undefined
  const program = buildProgram(io, (c) => (ctx = c))
  const json = argv.includes('--json')
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return ctx?.exitCode() ?? OK
  } catch (error) {
    if (error instanceof CommanderError) {
      if (INFORMATIONAL.has(error.code)) return OK
      if (json)
        io.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: error.message } })}\n`)
      return USAGE
    }
    const { reportError } = await import('./wiring/report-error.js')
    return reportError(error, io, json)
  }
}
