#!/usr/bin/env node
// The `pitwall` command. It runs the compiled JavaScript in dist/, which `npm ci` builds through
// the `prepare` script (`npm run build` rebuilds it): no TypeScript is compiled at run time.
// PITWALL_FROM_SOURCE=1 runs src/ through tsx instead (tests and development).
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { distProblem } from './dist-state.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Stops with one line and exit code 2 (nothing was run). */
function refuse(message) {
  process.stderr.write(`pitwall: ${message}\n`)
  process.exit(2)
}

let entry
if (process.env.PITWALL_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api')
  register()
  entry = join(root, 'src', 'cli', 'start.ts')
} else {
  entry = join(root, 'dist', 'cli', 'start.js')
  const problem = distProblem(root)
  if (problem !== undefined) refuse(problem)
}
const { start } = await import(pathToFileURL(entry).href)
await start()
