#!/usr/bin/env node
// The `pitwall` command. It runs the compiled JavaScript in dist/, which `npm ci` builds through
// the `prepare` script (`npm run build` rebuilds it): no TypeScript is compiled at run time.
// PITWALL_FROM_SOURCE=1 runs src/ through tsx instead (tests and development).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Stops with one line and exit code 2 (nothing was run). */
function refuse(message) {
  process.stderr.write(`pitwall: ${message}\n`)
  process.exit(2)
}

/**
 * The newest source file when it is newer than the build, else undefined. The build rewrites
 * every output file, so dist/cli/main.js dates the build. A checkout without src/ (an installed
 * package) has nothing to compare.
 */
function newerSource(builtAt) {
  const src = join(root, 'src')
  if (!existsSync(src)) return undefined
  let newest
  let newestTime = builtAt
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    const name = entry.name
    if (!entry.isFile() || !name.endsWith('.ts') || name.endsWith('.test.ts')) continue
    const file = join(entry.parentPath ?? entry.path, name)
    const time = statSync(file).mtimeMs
    if (time > newestTime) {
      newest = file
      newestTime = time
    }
  }
  return newest
}

let entry
if (process.env.PITWALL_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api')
  register()
  entry = join(root, 'src', 'cli', 'start.ts')
} else {
  entry = join(root, 'dist', 'cli', 'start.js')
  const main = join(root, 'dist', 'cli', 'main.js')
  if (!existsSync(entry) || !existsSync(main)) {
    refuse('dist/ is missing: run `npm run build` (npm ci does it through the prepare script)')
  }
  const stale = newerSource(statSync(main).mtimeMs)
  if (stale !== undefined) {
    const rel = stale.slice(root.length + 1)
    refuse(`dist/ is older than ${rel}: run \`npm run build\` to rebuild it`)
  }
}
const { start } = await import(pathToFileURL(entry).href)
await start()
