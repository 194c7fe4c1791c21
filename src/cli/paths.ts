/**
 * @module cli/paths
 * Where the package lives, so the built-in `warehouse/` project (and later `web/dist`) is found
 * from any working directory. The same two levels up work from `src/cli/` (tests run the
 * sources) and from the bundle's `dist/cli/` and `dist/chunks/` (the built command; this module
 * may land in either, see bin/bundle.js), each one folder below the package root.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The package root (the folder holding package.json). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The built-in F1 warehouse project. */
export const BUILTIN_PROJECT_DIR = resolve(PACKAGE_ROOT, 'warehouse')

/** pitwall's version, from package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version?: unknown
  }
  return typeof pkg.version === 'string' ? pkg.version : 'unknown'
}
