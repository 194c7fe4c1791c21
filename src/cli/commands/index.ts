/**
 * @module cli/commands
 * Every built command, in the order `pitwall --help` lists them (data-flow order, then the
 * dbt-style commands, then tools). To add a command: write its spec in `commands/<name>.ts` and
 * its action in `actions/<name>.ts` (see `command-spec.ts` and `src/cli/CONTEXT.md`), add it
 * here, and drop it from `planned.ts`.
 */
import type { CommandSpec } from '../command-spec.js'
import { buildCommand } from './build.js'
import { compileCommand } from './compile.js'
import { debugCommand } from './debug.js'
import { depsCommand } from './deps.js'
import { demoCommand } from './demo.js'
import { docsCommand } from './docs.js'
import { extractCommand } from './extract.js'
import { loadCommand } from './load.js'
import { lsCommand } from './ls.js'
import { pipelineCommand } from './pipeline.js'
import { promoteCommand } from './promote.js'
import { runsCommand } from './runs.js'
import { scheduleCommand } from './schedule.js'
import { replayCommand } from './replay.js'
import { runCommand } from './run.js'
import { seedCommand } from './seed.js'
import { simulateCommand } from './simulate.js'
import { snapshotCommand } from './snapshot.js'
import { sourceCommand } from './source.js'
import { sqlCommand } from './sql.js'
import { serveCommand } from './serve.js'
import { grantCommand, revokeCommand } from './grant.js'
import { principalsCommand } from './principals.js'
import { tokensCommand } from './tokens.js'
import { showCommand } from './show.js'
import { tableCommand } from './table.js'
import { testCommand } from './test.js'

/** The built commands. */
export const COMMANDS: readonly CommandSpec[] = [
  demoCommand,
  debugCommand,
  extractCommand,
  replayCommand,
  simulateCommand,
  loadCommand,
  sqlCommand,
  serveCommand,
  grantCommand,
  revokeCommand,
  principalsCommand,
  tokensCommand,
  showCommand,
  pipelineCommand,
  runsCommand,
  scheduleCommand,
  promoteCommand,
  buildCommand,
  runCommand,
  testCommand,
  snapshotCommand,
  seedCommand,
  depsCommand,
  compileCommand,
  lsCommand,
  docsCommand,
  sourceCommand,
  tableCommand,
]
