/**
 * @module core/config/profile-env
 * dbt renders `profiles.yml` with Jinja before reading it; in practice its values use one
 * function, `env_var('NAME', 'default')`, sometimes piped to `int`/`as_number`/`as_bool`. This
 * renders exactly that (pure: the caller passes the environment), so a profile written for dbt
 * (`password: "{{ env_var('PG_PASSWORD') }}"`, `threads: "{{ env_var('THREADS', 4) | int }}"`)
 * reads the same here. Other Jinja is left as written.
 */

const ENV_VAR =
  /\{\{\s*env_var\(\s*(['"])([^'"]+)\1\s*(?:,\s*(?:(['"])(.*?)\3|([^)\s]+))\s*)?\)\s*(?:\|\s*(int|as_number|float|as_bool|as_text|string)\s*)?\}\}/g

/** A rendered value and the env vars it needed but did not find. */
export interface RenderedProfileValue {
  readonly value: unknown
  readonly missing: readonly string[]
}

/** Renders every `{{ env_var(…) }}` inside `value` (strings in maps and lists, recursively). */
export function renderProfileValue(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
): RenderedProfileValue {
  const missing: string[] = []
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return renderString(v, env, missing)
    if (Array.isArray(v)) return v.map(walk)
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    }
    return v
  }
  return { value: walk(value), missing }
}

function renderString(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  missing: string[],
): unknown {
  if (!text.includes('env_var')) return text
  let filter: string | undefined
  let whole = false
  const out = text.replace(
    ENV_VAR,
    (match, _q, name: string, _q2, quoted?: string, bare?: string, f?: string) => {
      whole = match === text.trim()
      filter = f
      const found = env[name] ?? quoted ?? bare
      if (found === undefined) {
        missing.push(name)
        return ''
      }
      return found
    },
  )
  if (!whole || filter === undefined) return out
  if (filter === 'int' || filter === 'as_number' || filter === 'float') {
    const n = Number(out)
    return Number.isFinite(n) ? (filter === 'int' ? Math.trunc(n) : n) : out
  }
  if (filter === 'as_bool') return /^(true|1|yes)$/i.test(out.trim())
  return out
}
