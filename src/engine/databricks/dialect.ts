/**
 * @module engine/databricks/dialect
 * Databricks SQL's spelling of what pitwall writes in DuckDB's dialect: backtick identifiers
 * (double quotes are string literals on Databricks) and DuckDB type names in casts (`varchar`,
 * `timestamptz`, `T[]`, `json`, `hugeint`). {@link toDatabricksSql} rewrites only those tokens,
 * outside string literals and comments; function-level differences (ASOF joins, list functions,
 * `epoch`, `arg_min`, …) are the project's dispatched macros (`warehouse/macros/dialect.sql`).
 */

/** Backtick-quotes an identifier (`` ` `` doubled). */
export function quoteDatabricks(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``
}

/** `` `catalog`.`schema`.`table` ``. */
export function databricksQualified(parts: readonly string[]): string {
  return parts.map(quoteDatabricks).join('.')
}

/** A SQL string literal (`'` doubled, as DuckDB; Databricks also reads `\` as an escape). */
export function databricksString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`
}

/** DuckDB type name → Databricks type name (in casts). */
const TYPES: Readonly<Record<string, string>> = {
  varchar: 'string',
  text: 'string',
  json: 'string',
  timestamptz: 'timestamp',
  'timestamp with time zone': 'timestamp',
  hugeint: 'decimal(38, 0)',
  ubigint: 'decimal(20, 0)',
  uinteger: 'bigint',
}

function databricksType(type: string): string {
  const t = type.trim()
  const list = /^(.*?)\s*\[\]$/.exec(t)
  if (list?.[1] !== undefined) return `array<${databricksType(list[1])}>`
  return TYPES[t.toLowerCase()] ?? t
}

const TYPE_NAMES =
  'varchar|text|json|timestamptz|timestamp with time zone|hugeint|ubigint|uinteger|real|integer|bigint|double|boolean|date|timestamp|int|float'
/** `as <type>)` / `as <type>[])` / `::<type>` (a cast's target). */
const CAST_TYPE = new RegExp(
  `(\\bas\\s+|::\\s*)(${TYPE_NAMES})((?:\\s*\\[\\])*)(?=\\s*\\)|\\s|,|$)`,
  'gi',
)
/** `timestamptz '…'` typed literals (code is flushed at the quote: `$` is where it stood). */
const TYPED_LITERAL = /\btimestamptz(?=\s*(?:'|$))/gi

/**
 * Rewrites DuckDB-dialect SQL for Databricks: `"x"` → `` `x` `` and DuckDB cast types to
 * Databricks' names. String literals, backtick identifiers and comments pass through unchanged.
 */
export function toDatabricksSql(sql: string): string {
  let out = ''
  let code = ''
  const flush = () => {
    out += code
      .replace(
        CAST_TYPE,
        (_m, pre: string, type: string, arr: string) =>
          `${pre}${databricksType(`${type}${arr.replace(/\s+/g, '')}`)}`,
      )
      .replace(TYPED_LITERAL, 'timestamp')
    code = ''
  }
  for (let i = 0; i < sql.length;) {
    const c = sql[i] as string
    if (c === "'" || c === '`') {
      const end = closing(sql, i, c)
      flush()
      out += sql.slice(i, end)
      i = end
    } else if (c === '"') {
      const end = closing(sql, i, '"')
      const name = sql.slice(i + 1, end - 1).replaceAll('""', '"')
      code += quoteDatabricks(name)
      i = end
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i)
      const end = nl < 0 ? sql.length : nl
      flush()
      out += sql.slice(i, end)
      i = end
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2)
      const end = close < 0 ? sql.length : close + 2
      flush()
      out += sql.slice(i, end)
      i = end
    } else {
      code += c
      i++
    }
  }
  flush()
  return out
}

/** The index just past the quote that closes the one at `start` (a doubled quote is literal). */
function closing(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue
    if (sql[i + 1] === quote) {
      i++
      continue
    }
    return i + 1
  }
  return sql.length
}
