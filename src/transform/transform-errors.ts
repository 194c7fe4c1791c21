/**
 * @module transform/transform-errors
 * The transformation engine's thrown errors (STYLE.md §8). A failing model or test is NOT an
 * error: it ends as a status object in its `NodeResult`. These are for refusing to start (a
 * project with errors, a bad selector) and for broken infrastructure.
 */
import {
  WarehouseError,
  type Diagnostic,
  type WarehouseErrorOptions,
  formatDiagnostic,
} from '../core/index.js'

/** Any failure of the transformation engine. */
export class TransformError extends WarehouseError {
  constructor(code: string, message: string, options: WarehouseErrorOptions = {}) {
    super(code, message, options)
  }
}

/** The project has error diagnostics, so nothing runs (STYLE.md §6). */
export class ProjectInvalidError extends TransformError {
  /** Every problem found, with file and line. */
  readonly diagnostics: readonly Diagnostic[]

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error')
    super(
      'project-invalid',
      `the project has ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors
        .map((d) => `  ${formatDiagnostic(d)}`)
        .join('\n')}`,
      { hint: 'Fix the files and lines listed; nothing was run.' },
    )
    this.diagnostics = diagnostics
  }
}

/** A `--select`/`--exclude` expression cannot be parsed or needs state that is missing. */
export class SelectorError extends TransformError {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('selector-invalid', message, {
      hint: 'Selectors look like `+model`, `model+`, `2+model+1`, `@model`, `tag:x`, `path:models/silver`, `config.materialized:incremental`, `state:modified`, `result:error`.',
      ...options,
    })
  }
}

/** A template failed while compiling or running a node (carries file:line:col). */
export class TemplateError extends TransformError {
  /** The diagnostic describing where. */
  readonly diagnostic: Diagnostic

  constructor(diagnostic: Diagnostic, options: WarehouseErrorOptions = {}) {
    super('template-error', formatDiagnostic(diagnostic), options)
    this.diagnostic = diagnostic
  }
}

/** The warehouse refused an operation (SQL error, missing relation); carries the SQL. */
export class WarehouseOperationError extends TransformError {
  constructor(message: string, options: WarehouseErrorOptions = {}) {
    super('warehouse-operation', message, options)
  }
}

/** Another snapshot run holds the lock on the same snapshot. */
export class SnapshotLockedError extends TransformError {
  constructor(snapshot: string, holder: string) {
    super('snapshot-locked', `snapshot ${snapshot} is being run by another process (${holder})`, {
      context: { snapshot, holder },
      hint: 'Wait for the other run to finish. A lock left by a crashed process of this host is taken over by the next run.',
    })
  }
}

/** Another build (run, test, seed, snapshot) is running on the same lakehouse home. */
export class BuildLockedError extends TransformError {
  constructor(home: string, holder: string) {
    super(
      'build-locked',
      `another pitwall build is running on ${home} (${holder}); two builds at once would race on the same tables`,
      {
        context: { home, holder },
        hint: 'Wait for it to finish, then run again. A lock left by a crashed process of this host is taken over automatically.',
      },
    )
  }
}
