/**
 * @module transform/project/doc-references
 * Resolves `{{ doc('name') }}` in descriptions (nodes, columns, sources) to the `{% docs name %}`
 * block it names; an unknown name is a warning and the text is left as written.
 */
import { makeDiagnostic, type Diagnostic } from '../../core/index.js'
import type { ColumnDoc, DocBlock, ProjectNode, SourceNode } from './types.js'

const DOC = /\{\{\s*doc\(\s*['"]([\w.-]+)['"]\s*\)\s*\}\}/g

/** Returns the nodes and sources with doc references replaced. */
export function resolveDocReferences<T extends ProjectNode | SourceNode>(
  items: Readonly<Record<string, T>>,
  docs: Readonly<Record<string, DocBlock>>,
  diagnostics: Diagnostic[],
): Record<string, T> {
  const byName = new Map(Object.values(docs).map((d) => [d.name, d.block_contents]))
  const out: Record<string, T> = {}
  for (const [id, item] of Object.entries(items)) {
    const resolve = (text: string): string =>
      text.includes('doc(')
        ? text.replace(DOC, (m, name: string) => {
            const block = byName.get(name)
            if (block !== undefined) return block
            diagnostics.push(
              makeDiagnostic(
                'doc-not-found',
                { name },
                `description of ${id} uses doc('${name}'), but no {% docs ${name} %} block exists`,
                {
                  file: item.original_file_path,
                  nodeId: id,
                  severity: 'warn',
                },
              ),
            )
            return m
          })
        : text
    const columns: Record<string, ColumnDoc> = {}
    for (const [name, c] of Object.entries(item.columns))
      columns[name] = { ...c, description: resolve(c.description) }
    out[id] = { ...item, description: resolve(item.description), columns }
  }
  return out
}
