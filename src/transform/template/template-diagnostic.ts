/**
 * @module transform/template/template-diagnostic
 * Turns a template error into a diagnostic naming file, line and column, with the offending source
 * line shown (dbt reports Jinja errors without either: dbt-core #4596, #8023).
 */
import { makeDiagnostic, type Diagnostic, type SourcePosition } from '../../core/index.js'
import { TemplateError } from './jinja/errors.js'

/** Which phase failed: the template did not parse, or it failed while rendering. */
export type TemplatePhase = 'syntax' | 'render'

/** Builds the diagnostic for `error`, raised by the template of `file` whose text is `text`. */
export function templateDiagnostic(
  error: unknown,
  file: string,
  text: string,
  phase: TemplatePhase,
  nodeId?: string,
): Diagnostic {
  const reason = (error instanceof Error ? error.message : String(error)).trim()
  let at: SourcePosition | undefined
  if (error instanceof TemplateError && error.line !== undefined) {
    at = { line: error.line, column: error.column ?? 1 }
  } else {
    at = locateName(reason, text) ?? (phase === 'render' ? { line: 1, column: 1 } : undefined)
  }
  const excerpt = at === undefined ? '' : sourceExcerpt(text, at.line)
  const code = phase === 'syntax' ? 'template-syntax-error' : 'template-render-error'
  const what = phase === 'syntax' ? 'template syntax error' : 'template error'
  return makeDiagnostic(code, { reason }, `${what}: ${reason}${excerpt}`, {
    file,
    ...(at === undefined ? {} : { at }),
    ...(nodeId === undefined ? {} : { nodeId }),
  })
}

/** Finds the first use of the name an error message quotes (`'foo' is undefined`). */
function locateName(reason: string, text: string): SourcePosition | undefined {
  const name = /'([A-Za-z_]\w*)' is undefined/.exec(reason)?.[1] ?? /`([^`]+)`/.exec(reason)?.[1]
  if (name === undefined) return undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i]!.indexOf(name)
    if (col >= 0) return { line: i + 1, column: col + 1 }
  }
  return undefined
}

function sourceExcerpt(text: string, line: number): string {
  const src = text.replace(/\r\n?/g, '\n').split('\n')[line - 1]
  return src === undefined ? '' : `\n    ${line} | ${src}`
}
