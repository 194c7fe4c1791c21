/**
 * The one way tests find the recorded data in `../shared` (beside the repository root; override
 * with PITWALL_SHARED_DIR). When it is absent, tests that need it are skipped with a visible
 * notice — unless PITWALL_REQUIRE_SHARED=1 (set by .ci/run), in which case they fail.
 *
 * Never copy files out of it into the repository; copy a Delta table to a temp dir before
 * writing to it (see `copyToTemp` in ./tmp.ts).
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it } from 'vitest'

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Absolute path of the shared folder (it may not exist). */
export const SHARED_DIR = resolve(
  process.env['PITWALL_SHARED_DIR'] ?? join(REPO_ROOT, '..', 'shared'),
)

/** True when PITWALL_REQUIRE_SHARED=1: a missing shared folder is then a failure. */
export const SHARED_REQUIRED = process.env['PITWALL_REQUIRE_SHARED'] === '1'

/** Absolute path of `sub` inside the shared folder. */
export function sharedPath(...sub: string[]): string {
  return join(SHARED_DIR, ...sub)
}

/** True when `sub` exists inside the shared folder. */
export function hasShared(...sub: string[]): boolean {
  return existsSync(sharedPath(...sub))
}

const noticed = new Set<string>()

/**
 * `describe` for tests that read `../shared/<sub>`. Skipped with a notice when absent; failing
 * when PITWALL_REQUIRE_SHARED=1.
 */
export function describeShared(sub: string, name: string, body: () => void): void {
  if (hasShared(sub)) {
    describe(name, body)
    return
  }
  if (SHARED_REQUIRED) {
    describe(name, () => {
      it(`needs ${sharedPath(sub)}`, () => {
        throw new Error(`PITWALL_REQUIRE_SHARED=1 but ${sharedPath(sub)} is missing`)
      })
    })
    return
  }
  if (!noticed.has(sub)) {
    noticed.add(sub)
    console.warn(
      `NOTICE: ${sharedPath(sub)} is absent; skipping tests that need it (set PITWALL_SHARED_DIR).`,
    )
  }
  describe.skip(`${name} (needs ../shared/${sub})`, body)
}
