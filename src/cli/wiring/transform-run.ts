/**
 * @module cli/wiring/transform-run
 * What `build`, `run`, `test`, `seed` and `snapshot` do (and the demo's build stage): a run on
 * the Delta warehouse under the home's build lock (one build at a time), `manifest.json` and
 * `run_results.json` written to `<home>/target/<target>/`, one line per node, and exit code 1
 * when anything errored or failed.
 */
import { randomUUID } from 'node:crypto'
import { ConfigError, hasErrors, UsageError } from '../../core/index.js'
import {
  ProjectInvalidError,
  acquireBuildLock,
  buildManifest,
  buildRunResults,
  executeRun,
  relationKey,
  statusesOf,
  writeCompiledFiles,
  type RunCommand,
  type RunOutcome,
} from '../../transform/index.js'
import type { CliContext } from '../context.js'
import { nodeLine, runSummary } from '../format/transform-format.js'
import {
  loadProject,
  readArtifact,
  stateMacros,
  stateNodes,
  targetDir,
  writeArtifact,
} from './transform-project.js'
import { NOTHING_TO_DO, planRun } from './run-plan.js'
import { openRuntime } from './transform-runtime.js'

/** Options every run command takes. */
export interface RunCommandOptions {
  readonly select?: string[]
  readonly exclude?: string[]
  readonly selector?: string
  readonly failFast?: boolean
  readonly empty?: boolean
  readonly eventTimeStart?: string
  readonly eventTimeEnd?: string
  readonly fullRefresh?: boolean
  readonly threads?: string
  readonly vars?: string
  readonly state?: string
  readonly storeFailures?: boolean
  /**
   * Wait this long (ms) for another build on the home to finish instead of refusing at once (the
   * pipeline's `--wait`). Commands run by a user refuse at once.
   */
  readonly lockWaitMs?: number
}

/** What a run command produced. */
export interface RunCommandResult {
  readonly outcome: RunOutcome
  /** The `--json` body. */
  readonly json: Readonly<Record<string, unknown>>
  /** The human summary. */
  readonly human: string
}

/** Runs `name` with `opts`; emits the result. */
export async function runCommand(
  ctx: CliContext,
  name: RunCommand,
  opts: RunCommandOptions,
): Promise<void> {
  const r = await executeCommand(ctx, name, opts)
  ctx.emit(r.json, r.human)
}

/** Runs `name` with `opts` and writes the artifacts; sets exit code 1 when anything failed. */
export async function executeCommand(
  ctx: CliContext,
  name: RunCommand,
  opts: RunCommandOptions,
): Promise<RunCommandResult> {
  const threads = opts.threads === undefined ? undefined : Number(opts.threads)
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1)) {
    throw new UsageError(`--threads must be a whole number ≥ 1 (got '${opts.threads}')`)
  }
  const project = await loadProject(ctx, {
    ...(opts.vars === undefined ? {} : { vars: opts.vars }),
    flags: {
      WHICH: name,
      FULL_REFRESH: opts.fullRefresh === true,
      STORE_FAILURES: opts.storeFailures === true,
      FAIL_FAST: opts.failFast === true,
      EMPTY: opts.empty === true,
    },
  })
  // Everything that writes (the manifest included) happens under the home's build lock.
  const release = await acquireBuildLock(ctx.home, {
    purpose: `pitwall ${name} --target ${project.target.name}`,
    onWarning: (message) => ctx.logger.warn(message),
    ...(opts.lockWaitMs === undefined
      ? {}
      : {
          waitMs: opts.lockWaitMs,
          onWait: (holder) => ctx.logger.info(`waiting for another build to finish (${holder})`),
        }),
  })
  try {
    return await executeLocked(ctx, name, opts, project, threads)
  } finally {
    await release()
  }
}

async function executeLocked(
  ctx: CliContext,
  name: RunCommand,
  opts: RunCommandOptions,
  project: Awaited<ReturnType<typeof loadProject>>,
  threads: number | undefined,
): Promise<RunCommandResult> {
  const invocationId = randomUUID()
  const generatedAt = new Date().toISOString()
  const state = await readArtifact(ctx, 'manifest.json', opts.state)
  const last = await readArtifact(ctx, 'run_results.json', opts.state)
  await writeArtifact(ctx, 'manifest.json', buildManifest(project, { invocationId, generatedAt }))
  const selection = {
    ...(opts.select === undefined ? {} : { select: opts.select }),
    ...(opts.exclude === undefined ? {} : { exclude: opts.exclude }),
    ...(opts.selector === undefined ? {} : { selector: opts.selector }),
    ...(state === undefined ? {} : { state: stateNodes(state)!, stateMacros: stateMacros(state)! }),
    ...(last === undefined ? {} : { results: statusesOf(last) }),
  }
  // A project with errors is reported by executeRun (every diagnostic, exit 2), not planned.
  const plan = hasErrors(project.diagnostics) ? undefined : planRun(project, name, selection)
  for (const term of plan?.unmatched ?? [])
    ctx.logger.warn(`The selection criterion '${term}' does not match any enabled nodes`)
  if (plan !== undefined && plan.nodes.size === 0) {
    // As dbt: a warning, exit 0, and the last run's run_results.json stays as it was.
    ctx.logger.warn(NOTHING_TO_DO)
    const outcome = { results: [], elapsed: 0, success: true, startedAt: generatedAt }
    return {
      outcome,
      json: { command: name, success: true, elapsed: 0, results: [], warning: NOTHING_TO_DO },
      human: NOTHING_TO_DO,
    }
  }
  const runtime = await openRuntime(ctx, project)
  warnIfBronzeEmpty(ctx, project, runtime.relations)
  // The total is known before the first node starts ("1 of 505"); hooks, if any, add to it.
  const total = plan?.nodes.size ?? 0
  let finished = 0
  try {
    const progress = ctx.progress.start(name, total, 'nodes')
    const outcome = await executeRun(project, runtime.warehouse, {
      command: name,
      ...(opts.select === undefined ? {} : { select: opts.select }),
      ...(opts.exclude === undefined ? {} : { exclude: opts.exclude }),
      ...(opts.selector === undefined ? {} : { selector: opts.selector }),
      failFast: opts.failFast === true,
      empty: opts.empty === true,
      ...(opts.eventTimeStart === undefined ? {} : { eventTimeStart: opts.eventTimeStart }),
      ...(opts.eventTimeEnd === undefined ? {} : { eventTimeEnd: opts.eventTimeEnd }),
      fullRefresh: opts.fullRefresh === true,
      relations: runtime.relations,
      ...(threads === undefined ? {} : { threads }),
      storeFailures: opts.storeFailures === true,
      ...(state === undefined
        ? {}
        : { state: stateNodes(state)!, stateMacros: stateMacros(state)! }),
      ...(last === undefined ? {} : { results: statusesOf(last) }),
      onNodeDone: (r) => {
        finished++
        progress.tick(1, r.unique_id)
        const line = nodeLine(project, r, finished, Math.max(total, finished))
        if (r.status === 'error' || r.status === 'fail') ctx.logger.error(line)
        else if (r.status === 'warn' || r.status === 'skipped') ctx.logger.warn(line)
        else ctx.logger.info(line)
      },
    }).catch((error: unknown) => {
      // Nothing ran: a project with errors is bad configuration (exit 2, every problem listed).
      if (error instanceof ProjectInvalidError) {
        const count = error.diagnostics.filter((d) => d.severity === 'error').length
        throw new ConfigError(
          `the project has ${count} error(s); nothing was run`,
          error.diagnostics,
          {
            hint: 'Fix the files and lines listed above (pitwall compile shows the same problems).',
          },
        )
      }
      throw error
    })
    progress.done()
    const args = {
      which: name,
      select: opts.select ?? [],
      exclude: opts.exclude ?? [],
      full_refresh: opts.fullRefresh === true,
      threads: threads ?? project.target.threads,
      target: project.target.name,
    }
    const runResults = buildRunResults(outcome.results, outcome.elapsed, args, {
      invocationId,
      generatedAt: new Date().toISOString(),
    })
    const path = await writeArtifact(ctx, 'run_results.json', runResults)
    // As dbt: each node's compiled SQL under target/compiled/<package>/<file>.
    await writeCompiledFiles(await targetDir(ctx), project, outcome.results)
    if (!outcome.success) ctx.setExitCode(1)
    const human = runSummary(project, outcome.results, outcome.elapsed)
    return {
      outcome,
      json: {
        command: name,
        success: outcome.success,
        elapsed: outcome.elapsed,
        results: outcome.results,
        artifacts: { run_results: path },
      },
      human: `${human}\nrun results: ${path}`,
    }
  } finally {
    await runtime.close()
  }
}

/**
 * Warns when none of the project's bronze sources exist for this target: building prod before
 * loading it builds empty tables from nothing (issue 12).
 */
function warnIfBronzeEmpty(
  ctx: CliContext,
  project: Awaited<ReturnType<typeof loadProject>>,
  relations: ReadonlySet<string>,
): void {
  const sources = Object.values(project.sources)
  if (sources.length === 0) return
  const present = sources.filter((s) =>
    relations.has(relationKey(s.database, s.schema, s.identifier)),
  )
  if (present.length > 0) return
  const schemas = [...new Set(sources.map((s) => `${s.database}.${s.schema}`))].join(', ')
  ctx.logger.warn(
    `target '${project.target.name}' has no source tables yet (${schemas} is empty under ${ctx.home}): the models will be built from nothing. Load it first: pitwall load --target ${project.target.name}`,
  )
}
