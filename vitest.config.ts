import { defineConfig } from 'vitest/config'

/**
 * Two projects (STYLE.md §12): colocated unit tests under src/, cross-layer tests under
 * test/integration/. `.only` fails in CI (vitest's allowOnly defaults to !process.env.CI).
 */
export default defineConfig({
  test: {
    // Two test files at a time even on a 2-core machine (vitest's default is cores − 1 = one):
    // most integration files wait on child processes, servers and disk, so a second file fills
    // the idle core. Tests bound their work, never their time, so the overlap cannot change an
    // outcome.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
