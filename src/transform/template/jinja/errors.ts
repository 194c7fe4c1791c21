/**
 * @module transform/template/jinja/errors
 * The errors a template raises, with the position they happened at, in Jinja2's categories:
 * `syntax` (the template does not parse), `undefined` (an undefined value was used), `runtime`
 * (a type error, a failing filter, a host function that threw).
 */

/** Jinja2's error categories. */
export type TemplateErrorKind = 'syntax' | 'undefined' | 'runtime'

/** A template error. `line`/`column` are 1-based and set by the innermost node that saw it. */
export class TemplateError extends Error {
  readonly kind: TemplateErrorKind
  line: number | undefined
  column: number | undefined
  /** The template file the position is in, once known. */
  file: string | undefined

  constructor(kind: TemplateErrorKind, message: string, line?: number, column?: number) {
    super(message)
    this.name = 'TemplateError'
    this.kind = kind
    this.line = line
    this.column = column
  }
}

/** Jinja2's UndefinedError: an undefined value was called, iterated strictly or looked into. */
export function undefinedError(message: string): TemplateError {
  return new TemplateError('undefined', message)
}

/** Python's TypeError and friends. */
export function runtimeError(message: string): TemplateError {
  return new TemplateError('runtime', message)
}

/** Attaches a position to an error that has none yet (the innermost node wins). */
export function positioned(error: unknown, line: number, column: number): unknown {
  if (error instanceof TemplateError) {
    if (error.line === undefined) {
      error.line = line
      error.column = column
    }
    return error
  }
  if (error instanceof Error && !(error as { jinjaPassThrough?: boolean }).jinjaPassThrough) {
    const wrapped = new TemplateError('runtime', error.message, line, column)
    wrapped.cause = error
    return wrapped
  }
  return error
}
