/**
 * @module transform/template/preprocess
 * Reads the macros a file defines without rendering it (for the manifest's `macros`): names,
 * argument names and each macro's source. `{% test name %}` blocks are listed as `test_name`.
 */

/** The names and argument lists of the macros (and `{% test %}` blocks) a file defines. */
export function listMacros(text: string): { name: string; arguments: string[]; sql: string }[] {
  const found: { name: string; arguments: string[]; sql: string }[] = []
  const re = /\{%-?\s*(macro|test)\s+([A-Za-z_]\w*)\s*\(([^)]*)\)/g
  for (const m of text.matchAll(re)) {
    const name = m[1] === 'test' ? `test_${m[2]!}` : m[2]!
    const args = m[3]!
      .split(',')
      .map((a) => a.split('=')[0]!.trim())
      .filter((a) => a !== '')
    const end = new RegExp(`\\{%-?\\s*end${m[1]!}\\s*-?%\\}`, 'g')
    end.lastIndex = m.index
    const close = end.exec(text)
    const sql = text.slice(m.index, close === null ? text.length : close.index + close[0].length)
    found.push({ name, arguments: args, sql })
  }
  return found
}
