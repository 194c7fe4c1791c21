/**
 * @module core/config/validate
 * Runs a zod schema over a {@link YamlSource} and turns every issue into a diagnostic that names
 * the file, the line and the key path.
 */
import type { z } from 'zod'
import { makeDiagnostic, type Diagnostic } from '../diagnostics.js'
import type { YamlSource } from './yaml-source.js'

/** The result of validating one file. */
export interface Validated<T> {
  /** The parsed value, or `undefined` when any error was found. */
  readonly value: T | undefined
  /** Every problem, in file order. */
  readonly diagnostics: readonly Diagnostic[]
}

/** Validates `source.value` against `schema`; reports all issues, never only the first. */
export function validateYaml<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
): Validated<z.output<S>> {
  if (source.diagnostics.some((d) => d.severity === 'error')) {
    return { value: undefined, diagnostics: source.diagnostics }
  }
  const result = schema.safeParse(source.value ?? {})
  if (result.success) return { value: result.data, diagnostics: source.diagnostics }
  const diagnostics = result.error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
    const dotted = path.length === 0 ? '(top level)' : path.join('.')
    const at = source.positionOf(path)
    return makeDiagnostic(
      'config-invalid-value',
      { path: dotted, reason: issue.message },
      `${dotted}: ${issue.message}`,
      { file: source.file, ...(at === undefined ? {} : { at }) },
    )
  })
  diagnostics.sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0))
  return { value: undefined, diagnostics: [...source.diagnostics, ...diagnostics] }
}
