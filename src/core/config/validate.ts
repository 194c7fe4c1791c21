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

/**
 * Validates `source.value` (or the value at `base` inside it, e.g. one output of a profile)
 * against `schema`; reports all issues, never only the first, with their full key path.
 */
export function validateYaml<S extends z.ZodType>(
  source: YamlSource,
  schema: S,
  base: readonly (string | number)[] = [],
): Validated<z.output<S>> {
  if (source.diagnostics.some((d) => d.severity === 'error')) {
    return { value: undefined, diagnostics: source.diagnostics }
  }
  const result = schema.safeParse(
    (base.length === 0 ? source.value : valueAt(source.value, base)) ?? {},
  )
  if (result.success) return { value: result.data, diagnostics: source.diagnostics }
  const diagnostics = result.error.issues.map((issue) => {
    const path = [...base, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]
    const dotted = path.length === 0 ? '(top level)' : path.join('.')
    const at = source.positionOf(path)
    const reason = explainIssue(issue, valueAt(source.value, path))
    return makeDiagnostic(
      'config-invalid-value',
      { path: dotted, reason },
      `${dotted}: ${reason}`,
      { file: source.file, ...(at === undefined ? {} : { at }) },
    )
  })
  diagnostics.sort((a, b) => (a.at?.line ?? 0) - (b.at?.line ?? 0))
  return { value: undefined, diagnostics: [...source.diagnostics, ...diagnostics] }
}

/** The value at `path` inside `root` (undefined when absent). */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string | number, unknown>)[key]
  }
  return v
}

/** How a value reads in a message: `duckdb`, `'many'`, `3`, or `nothing`. */
function shown(value: unknown, quote: boolean): string {
  if (value === undefined || value === null) return 'nothing'
  if (typeof value === 'string') return quote ? `'${value}'` : value
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping'
  return String(value)
}

/**
 * A zod issue in pitwall's words: what is allowed and what was found, built from the schema's
 * own lists (so a new output type shows up in the message by itself).
 */
export function explainIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const key = issue.path[issue.path.length - 1]
  switch (issue.code) {
    case 'invalid_union': {
      const options = (issue as { options?: readonly unknown[] }).options
      const discriminator = (issue as { discriminator?: string }).discriminator
      if (options !== undefined && discriminator !== undefined) {
        return `${discriminator} must be one of ${options.map(String).join(', ')} (got ${shown(value, false)})`
      }
      return issue.message
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')} (got ${shown(value, true)})`
    case 'invalid_type':
      if (value === undefined) return `${typeof key === 'string' ? `${key} ` : ''}is required`
      return `must be ${article(issue.expected)} (got ${shown(value, true)})`
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `'${k}'`).join(', ')}`
    default:
      return issue.message
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`
}
