#!/usr/bin/env node
// The `prepare` script: builds dist/ when it is missing or older than src/, and does nothing
// otherwise. `npm ci` runs it; so does the first `npx pitwall` in a clone (npm links the
// package and prepares it), which then costs nothing.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { distProblem } from './dist-state.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
if (distProblem(root) !== undefined) {
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  process.exitCode = r.status ?? 1
}
