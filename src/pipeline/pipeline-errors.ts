/**
 * @module pipeline/pipeline-errors
 * The pipeline's typed errors (STYLE.md §8). Expected outcomes (a failed extraction, a failing
 * data test, a refused promotion) are status objects in the run record, never these.
 */
import { WarehouseError, type WarehouseErrorOptions } from '../core/index.js'

/** Base class of the pipeline's errors. */
export class PipelineError extends WarehouseError {}

/** Another live run holds a lock this run needs (a partition, the landing zone, the build). */
export class LockHeldError extends PipelineError {
  /** The lock's name (`partition 9550`, `build of dev`). */
  readonly lock: string
  /** Who holds it. */
  readonly owner: LockOwnerInfo

  constructor(lock: string, owner: LockOwnerInfo, options: WarehouseErrorOptions = {}) {
    super(
      'lock-held',
      `${lock} is held by run ${owner.runId} (pid ${owner.pid} on ${owner.host}, since ${owner.acquiredAt})`,
      {
        hint:
          options.hint ??
          'Wait for that run to finish (pitwall runs shows it), or pass --wait to queue behind it.',
        context: { lock, owner },
        ...(options.cause === undefined ? {} : { cause: options.cause }),
      },
    )
    this.lock = lock
    this.owner = owner
  }
}

/** Who holds a lock (the content of a lock file). */
export interface LockOwnerInfo {
  readonly runId: string
  readonly pid: number
  readonly host: string
  readonly acquiredAt: string
}

/** `runs show <id>` / `--resume <id>` named a run that is not in the history. */
export class RunNotFoundError extends PipelineError {
  constructor(runId: string, catalog: string) {
    super('run-not-found', `no run '${runId}' in ${catalog}.system.pipeline_runs`, {
      hint: 'List the runs with `pitwall runs` (and check --target: each target keeps its own history).',
      context: { runId, catalog },
    })
  }
}

/** `--resume <id>` named a run that cannot be resumed (finished, or still running). */
export class RunNotResumableError extends PipelineError {
  constructor(runId: string, why: string, hint: string) {
    super('run-not-resumable', `run ${runId} cannot be resumed: ${why}`, {
      hint,
      context: { runId },
    })
  }
}
