/**
 * @module transform/template/template-diagnostic
 * Turns a nunjucks error into a diagnostic naming file, line and column, with the offending source
 * line shown (dbt reports Jinja errors without either: dbt-core #4596, #8023).
 */
import { makeDiagnostic, type Diagnostic, type SourcePosition } from '../../core/index.js'

/** Which phase failed: the template did not parse, or it failed while rendering. */
export type TemplatePhase = 'syntax' | 'render'

const POSITION = /\[Line (\d+), Column (\d+)\]/

/**
 * Builds the diagnostic for `error`, raised by the template of `file` whose text is `text`.
 * nunjucks reports parse positions 1-based and render positions 0-based; both come out 1-based.
 */
export function templateDiagnostic(
  error: unknown,
  file: string,
  text: string,
  phase: TemplatePhase,
  nodeId?: string,
): Diagnostic {
  const raw = error instanceof Error ? error.message : String(error)
  const reason = cleanReason(raw)
  const m = POSITION.exec(raw)
  let at: SourcePosition | undefined
  if (m !== null) {
    const line = Number(m[1]) + (phase === 'render' ? 1 : 0)
    const column = Number(m[2]) + (phase === 'render' ? 1 : 0)
    at = { line, column }
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

function cleanReason(message: string): string {
  return message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^\([^)]*\)( \[Line \d+, Column \d+\])?$/.test(l))
    .map((l) => l.replace(/^Error: /, ''))
    .join(' ')
}

/** Finds the first use of the name an error message quotes (`foo`, or "filter not found: foo"). */
function locateName(reason: string, text: string): SourcePosition | undefined {
  const name = /`([^`]+)`/.exec(reason)?.[1] ?? /not found: (\w+)/.exec(reason)?.[1]
  if (name === undefined) return undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i]!.indexOf(name)
    if (col >= 0) return { line: i + 1, column: col + 1 }
  }
  return undefined
}

function sourceExcerpt(text: string, line: number): string {
  const src = text.split('\n')[line - 1]
  return src === undefined ? '' : `\n    ${line} | ${src}`
}
