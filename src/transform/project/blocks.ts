/**
 * @module transform/project/blocks
 * Extracts dbt's named blocks from a file: `{% snapshot name %}…{% endsnapshot %}` and
 * `{% docs name %}…{% enddocs %}`. A block's body keeps its original line and column (the text
 * before it becomes blank lines and spaces) so template errors point into the real file.
 */

/** One block found in a file. */
export interface NamedBlock {
  readonly name: string
  /** The body, padded so that offsets match the original file. */
  readonly body: string
  /** The body without padding. */
  readonly content: string
  /** 1-based line where the block opens. */
  readonly line: number
}

/** Every `{% <kind> name %}…{% end<kind> %}` block in `text`. */
export function extractBlocks(text: string, kind: 'snapshot' | 'docs'): NamedBlock[] {
  const open = new RegExp(`\\{%-?\\s*${kind}\\s+([A-Za-z_][\\w]*)\\s*-?%\\}`, 'g')
  const close = new RegExp(`\\{%-?\\s*end${kind}\\s*-?%\\}`, 'g')
  const out: NamedBlock[] = []
  for (const m of text.matchAll(open)) {
    const start = m.index + m[0].length
    close.lastIndex = start
    const end = close.exec(text)
    const stop = end === null ? text.length : end.index
    const before = text.slice(0, start)
    const lines = before.split('\n')
    const pad = '\n'.repeat(lines.length - 1) + ' '.repeat(lines[lines.length - 1]!.length)
    const content = text.slice(start, stop)
    out.push({ name: m[1]!, body: pad + content, content, line: lines.length })
  }
  return out
}

/** True when `text` opens a block of `kind` without closing it. */
export function hasUnclosedBlock(text: string, kind: 'snapshot' | 'docs'): boolean {
  const opens = text.match(new RegExp(`\\{%-?\\s*${kind}\\s`, 'g'))?.length ?? 0
  const closes = text.match(new RegExp(`\\{%-?\\s*end${kind}\\s*-?%\\}`, 'g'))?.length ?? 0
  return opens !== closes
}
