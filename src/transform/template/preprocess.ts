/**
 * @module transform/template/preprocess
 * dbt's Jinja dialect on top of nunjucks: rewrites the few tags nunjucks lacks into ones it has,
 * keeping every line where it was so that error positions stay right.
 *
 * - `{% test name(args) %}…{% endtest %}` → `{% macro test_name(args) %}…{% endmacro %}`
 * - `{% do expr %}` → `{% set __do = expr %}`
 */

const TEST_OPEN = /\{%(-?)\s*test\s+([A-Za-z_]\w*)\s*\(/g
const TEST_CLOSE = /\{%(-?)\s*endtest\s*(-?)%\}/g
const DO_TAG = /\{%(-?)\s*do\s+/g

/** Rewrites dbt-only tags into nunjucks tags. */
export function preprocessJinja(text: string): string {
  if (!text.includes('{%')) return text
  return text
    .replace(TEST_OPEN, (_m, dash: string, name: string) => `{%${dash} macro test_${name}(`)
    .replace(TEST_CLOSE, (_m, a: string, b: string) => `{%${a} endmacro ${b}%}`)
    .replace(DO_TAG, (_m, dash: string) => `{%${dash} set __do = `)
}

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
