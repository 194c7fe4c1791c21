/**
 * @module cli/wiring/serve-defaults
 * The defaults of `pitwall serve`, in one place: the `serve` command's options show them and the
 * demo, which serves without flags, starts from them. No imports, so a command spec may load it
 * without pulling in a layer (`--help` stays light).
 */

/** What `pitwall serve` is given, as the user types it (strings, validated when it runs). */
export interface ServeFlags {
  readonly port: string
  readonly host: string
  readonly maxRows: string
  readonly timeout: string
  /** DuckDB memory limit; absent → `PITWALL_MEMORY_LIMIT` or {@link DEFAULT_MEMORY_LIMIT}. */
  readonly memoryLimit?: string
}

/** The defaults of every `pitwall serve` option but the memory limit (which reads the env). */
export const SERVE_DEFAULTS = {
  port: '8080',
  host: '127.0.0.1',
  maxRows: '10000',
  timeout: '30',
} as const satisfies ServeFlags

/** DuckDB's memory limit when neither `--memory-limit` nor `PITWALL_MEMORY_LIMIT` is set. */
export const DEFAULT_MEMORY_LIMIT = '2GB'
