/**
 * @module core/diagnostics
 * User and project mistakes as data (STYLE.md §6). A compiler or config loader keeps going and
 * returns every diagnostic; execution refuses to start while errors exist.
 */

/** Where in a file a diagnostic points (1-based). */
export interface SourcePosition {
  /** 1-based line. */
  readonly line: number
  /** 1-based column. */
  readonly column: number
}

/**
 * The diagnostic codes and the parameters each one carries. Layers add their codes here so that
 * every code is documented in one place.
 */
export interface DiagnosticParams {
  'yaml-syntax-error': { reason: string }
  'config-invalid-value': { path: string; reason: string }
  'config-unknown-key': { path: string }
  'file-not-found': { file: string }
  'target-not-found': { target: string; available: string[] }
  // transform (issue #6)
  'template-syntax-error': { reason: string }
  'template-render-error': { reason: string }
  'ref-not-found': { name: string }
  'source-not-found': { source: string; table: string }
  'dependency-cycle': { chain: string[] }
  'duplicate-node': { name: string; files: string[] }
  'test-macro-not-found': { name: string }
  'seed-invalid': { reason: string }
  'patch-target-not-found': { name: string; kind: string }
  'doc-not-found': { name: string }
  // transform: config mistakes found at parse time, not when the node runs (issue 10)
  'materialization-unknown': { materialized: string }
  'incremental-strategy-unknown': { strategy: string }
  'unique-key-required': { strategy: string }
  'microbatch-config-invalid': { key: string; reason: string }
  'snapshot-config-invalid': { key: string; reason: string }
  'on-schema-change-invalid': { value: string }
  'incremental-predicates-ignored': { strategy: string }
  // transform: the same generic test declared twice on one model or column (issue 18)
  'duplicate-test': { name: string; files: string[] }
  // transform: packages (packages.yml / dependencies.yml, dbt_packages/) (issue 15)
  'package-not-installed': { package: string; kind: string }
  'package-invalid': { package: string; reason: string }
}

/** A diagnostic code. */
export type DiagnosticCode = keyof DiagnosticParams

/** One problem found in the user's project or configuration (`C` narrows it to one code). */
export type Diagnostic<C extends DiagnosticCode = DiagnosticCode> = {
  [K in C]: DiagnosticOf<K>
}[C]

/** A diagnostic of the code `C`, with that code's parameters. */
export interface DiagnosticOf<C extends DiagnosticCode> {
  /** What kind of problem (kebab-case, a key of {@link DiagnosticParams}). */
  readonly code: C
  /** `error` stops the run; `warn` is reported and the run goes on. */
  readonly severity: 'error' | 'warn'
  /** One sentence a user can act on. */
  readonly message: string
  /** The file it is about, relative to the project when possible. */
  readonly file?: string
  /** Where in the file. */
  readonly at?: SourcePosition
  /** The node (model, test, source) it is about. */
  readonly nodeId?: string
  /** The code's parameters. */
  readonly params?: Readonly<DiagnosticParams[C]>
}

/** Builds a diagnostic whose parameters are checked against its code. */
export function makeDiagnostic<C extends DiagnosticCode>(
  code: C,
  params: DiagnosticParams[C],
  message: string,
  where: { file?: string; at?: SourcePosition; nodeId?: string; severity?: 'error' | 'warn' } = {},
): Diagnostic<C> {
  const d: DiagnosticOf<C> = {
    code,
    severity: where.severity ?? 'error',
    message,
    params,
    ...(where.file === undefined ? {} : { file: where.file }),
    ...(where.at === undefined ? {} : { at: where.at }),
    ...(where.nodeId === undefined ? {} : { nodeId: where.nodeId }),
  }
  return d as Diagnostic<C>
}

/** `file:line:col: error: message [code]`, the shape editors and CI logs understand. */
export function formatDiagnostic(d: Diagnostic): string {
  const where =
    d.file === undefined
      ? ''
      : d.at === undefined
        ? `${d.file}: `
        : `${d.file}:${d.at.line}:${d.at.column}: `
  return `${where}${d.severity}: ${d.message} [${d.code}]`
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}
