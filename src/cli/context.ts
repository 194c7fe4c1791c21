/**
 * @module cli/context
 * The global options every command gets (`--home`, `--target`, `--project-dir`, `--log-level`,
 * `--json`) and what is built from them: logger, progress reporter, configuration.
 */
import { resolve } from 'node:path'
import {
  createLineProgress,
  createLogger,
  createTtyProgress,
  isLogLevel,
  UsageError,
  type Logger,
  type Progress,
  type ResolvedConfig,
} from '../core/index.js'
import type { CliIo } from './io.js'
import { findProfilesDir, findProjectDir, loadConfig } from './wiring/load-config.js'
import { BUILTIN_PROJECT_DIR } from './paths.js'

/** Global options as commander parses them. */
export interface GlobalOptions {
  readonly home?: string
  readonly target?: string
  readonly projectDir?: string
  readonly profilesDir?: string
  readonly logLevel?: string
  readonly json?: boolean
}

/** What a command runs with. */
export interface CliContext {
  readonly io: CliIo
  /** Absolute lakehouse home (landing zone, Delta tables, artifacts). */
  readonly home: string
  /** Absolute project directory. */
  readonly projectDir: string
  /** Absolute directory holding profiles.yml. */
  readonly profilesDir: string
  /** `--target`, if given. */
  readonly target: string | undefined
  /** Machine-readable output. */
  readonly json: boolean
  readonly logger: Logger
  readonly progress: Progress
  /** Loads and validates dbt_project.yml and profiles.yml (once). */
  config(): Promise<ResolvedConfig>
  /** Prints a command's result: JSON with `--json`, else the human text. */
  emit(result: unknown, human: string): void
  /** Raises the process exit code (the highest code set wins). */
  setExitCode(code: number): void
  /** The exit code set so far. */
  exitCode(): number
}

/** Builds the context from parsed global options. */
export function createContext(opts: GlobalOptions, io: CliIo): CliContext {
  const level = opts.logLevel ?? io.env['PITWALL_LOG_LEVEL'] ?? 'info'
  if (!isLogLevel(level)) {
    throw new UsageError(
      `--log-level must be one of debug, info, warn, error, silent (got '${level}')`,
    )
  }
  const json = opts.json === true
  const home = resolve(io.cwd, opts.home ?? io.env['PITWALL_HOME'] ?? 'lakehouse')
  // As dbt: inside a dbt project (dbt_project.yml here or in a parent) that project runs.
  const project = findProjectDir(io.cwd, opts.projectDir, io.env, BUILTIN_PROJECT_DIR)
  const projectDir = project.dir
  const profilesDir = findProfilesDir(io.cwd, opts.profilesDir, io.env, project)
  const logger = createLogger({
    level,
    format: json ? 'json' : 'human',
    color: io.stderr.isTTY && io.env['NO_COLOR'] === undefined,
    sink: { writeLine: (l) => io.stderr.write(`${l}\n`) },
  })
  const progress = progressFor(io, json, logger)
  let cached: Promise<ResolvedConfig> | undefined
  let exitCode = 0
  return {
    io,
    home,
    projectDir,
    profilesDir,
    target: opts.target,
    json,
    logger,
    progress,
    config: () =>
      (cached ??= loadConfig({
        projectDir,
        profilesDir,
        ...(opts.target === undefined ? {} : { target: opts.target }),
        env: io.env,
      })),
    setExitCode(code) {
      exitCode = Math.max(exitCode, code)
    },
    exitCode: () => exitCode,
    emit(result, human) {
      io.stdout.write(
        json ? `${JSON.stringify(result, null, 2)}\n` : human.endsWith('\n') ? human : `${human}\n`,
      )
    },
  }
}

/**
 * Bars on a terminal; elsewhere (pipes, CI, `--json`) a log line every `PITWALL_PROGRESS_MS`
 * (default 5000 ms) while work runs, so long work is never silent and stdout stays clean.
 */
function progressFor(io: CliIo, json: boolean, logger: Logger): Progress {
  if (!json && io.stderr.isTTY) return createTtyProgress(io.stderr)
  const raw = io.env['PITWALL_PROGRESS_MS']
  const ms = raw === undefined ? NaN : Number(raw)
  // The figures go along as fields in JSON logs; the human line already says them.
  return createLineProgress((message, fields) => logger.info(message, json ? fields : {}), {
    intervalMs: Number.isFinite(ms) && ms >= 0 ? ms : 5000,
  })
}
