/**
 * @module cli/paths
 * Where the package lives, so the built-in `warehouse/` project is found from any working directory.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The package root (the folder holding package.json). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The built-in F1 warehouse project. */
export const BUILTIN_PROJECT_DIR = resolve(PACKAGE_ROOT, 'warehouse')
