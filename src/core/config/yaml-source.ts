/**
 * @module core/config/yaml-source
 * Parses YAML text while keeping positions, so that every later problem (a zod issue, an unknown
 * key) can be reported with its file and line. Pure: the caller reads the file.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { makeDiagnostic, type Diagnostic, type SourcePosition } from '../diagnostics.js'

/** A parsed YAML file that can map a value path back to its line and column. */
export interface YamlSource {
  /** The file name used in diagnostics. */
  readonly file: string
  /** The parsed value (`undefined` when the text had fatal syntax errors or was empty). */
  readonly value: unknown
  /** Syntax errors and warnings. */
  readonly diagnostics: readonly Diagnostic[]
  /** Position of the node at `path`, or of its nearest existing ancestor. */
  positionOf(path: readonly PropertyKey[]): SourcePosition | undefined
}

/** Parses `text` (the content of `file`). Never throws on bad YAML: it returns diagnostics. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter()
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const pos = (offset: number): SourcePosition => {
    const p = lineCounter.linePos(offset)
    return { line: p.line, column: p.col }
  }
  const diagnostics: Diagnostic[] = []
  for (const e of doc.errors) {
    diagnostics.push(
      makeDiagnostic(
        'yaml-syntax-error',
        { reason: e.message },
        `YAML syntax error: ${firstLine(e.message)}`,
        {
          file,
          at: pos(e.pos[0]),
        },
      ),
    )
  }
  for (const w of doc.warnings) {
    diagnostics.push(
      makeDiagnostic(
        'yaml-syntax-error',
        { reason: w.message },
        `YAML warning: ${firstLine(w.message)}`,
        {
          file,
          at: pos(w.pos[0]),
          severity: 'warn',
        },
      ),
    )
  }
  const value: unknown = doc.errors.length > 0 ? undefined : doc.toJS()
  return {
    file,
    value,
    diagnostics,
    positionOf(path) {
      let node: unknown = doc.contents
      let best: SourcePosition | undefined = rangeStart(node, pos)
      for (const key of path) {
        if (isMap(node)) {
          const pair = node.items.find((it) => keyOf(it.key) === String(key))
          if (pair === undefined) break
          // Point at the key: for a nested map the value starts on the next line.
          best = rangeStart(pair.key, pos) ?? best
          node = pair.value
        } else if (isSeq(node) && typeof key === 'number') {
          node = node.items[key]
          best = rangeStart(node, pos) ?? best
        } else {
          break
        }
      }
      return best
    },
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s
}

function keyOf(key: unknown): string | undefined {
  if (key !== null && typeof key === 'object' && 'value' in key)
    return String((key as { value: unknown }).value)
  return key === null || key === undefined ? undefined : String(key)
}

function rangeStart(node: unknown, pos: (o: number) => SourcePosition): SourcePosition | undefined {
  const range = (node as Node | null | undefined)?.range
  return range === undefined || range === null ? undefined : pos(range[0])
}
