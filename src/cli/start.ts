/**
 * @module cli/start
 * The process entry `bin/pitwall.js` loads (from `dist/`, or from `src/` through tsx): runs the
 * CLI on the real process's arguments and streams and sets the exit code.
 */
import { processIo } from './io.js'
import { runCli } from './main.js'

/** Runs `pitwall` for this process. */
export async function start(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), processIo())
}
