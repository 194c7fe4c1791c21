/**
 * @module cli
 * The `pitwall` command line: the one place where concrete adapters are wired together.
 */
export { runCli } from './main.js'
export { processIo, memoryIo } from './io.js'
export type { CliIo, TextOut } from './io.js'
