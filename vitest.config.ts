import { defineConfig } from 'vitest/config'

/**
 * Two projects (STYLE.md §12): colocated unit tests under src/, cross-layer tests under
 * test/integration/. `.only` fails in CI (vitest's allowOnly defaults to !process.env.CI).
 */
export default defineConfig({
  test: {
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
