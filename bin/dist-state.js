// Whether dist/ can run: shared by bin/pitwall.js (which refuses a missing or stale build) and
// bin/build-if-stale.js (the prepare script, which rebuilds only then).
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Why dist/ under `root` cannot run as it is, or undefined when it can. The build rewrites every
 * output file (bin/bundle.js empties dist/ first), so the entry dist/cli/start.js dates it; a package
 * without src/ has nothing to compare.
 */
export function distProblem(root) {
  const main = join(root, 'dist', 'cli', 'start.js')
  if (!existsSync(main) || !existsSync(join(root, 'dist', 'meta.json'))) {
    return 'dist/ is missing: run `npm run build` (npm ci does it through the prepare script)'
  }
  const src = join(root, 'src')
  if (!existsSync(src)) return undefined
  const builtAt = statSync(main).mtimeMs
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    const name = entry.name
    if (!entry.isFile() || !name.endsWith('.ts') || name.endsWith('.test.ts')) continue
    const file = join(entry.parentPath ?? entry.path, name)
    if (statSync(file).mtimeMs > builtAt) {
      return `dist/ is older than ${file.slice(root.length + 1)}: run \`npm run build\` to rebuild it`
    }
  }
  return undefined
}
