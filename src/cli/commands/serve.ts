/**
 * @module cli/commands/serve
 * `pitwall serve [--port 8080] [--host 127.0.0.1]`: the read-only API, SQL endpoint and dashboard.
 */
import { defineCommand } from '../command-spec.js'

/** What `pitwall serve` is given, as the user types it (strings, validated when it runs). */
export interface ServeFlags {
  readonly port: string
  readonly host: string
  readonly maxRows: string
  readonly timeout: string
  /** DuckDB memory limit; absent → `PITWALL_MEMORY_LIMIT` or {@link DEFAULT_MEMORY_LIMIT}. */
  readonly memoryLimit?: string
}

/**
 * The defaults of every `pitwall serve` option but the memory limit (which reads the
 * environment), in one place: the options below show them and the demo, which serves without
 * flags, starts from them. Here, in the spec, because `--help` may load specs but no wiring.
 */
export const SERVE_DEFAULTS = {
  port: '8080',
  host: '127.0.0.1',
  maxRows: '10000',
  timeout: '30',
} as const satisfies ServeFlags

/** DuckDB's memory limit when neither `--memory-limit` nor `PITWALL_MEMORY_LIMIT` is set. */
export const DEFAULT_MEMORY_LIMIT = '2GB'

/** `pitwall serve`. */
export const serveCommand = defineCommand({
  name: 'serve',
  describe: (cmd) =>
    cmd
      .description(
        'serve the read-only API, SQL endpoint and dashboard (bearer tokens, grants, audit log)',
      )
      .option('--port <n>', 'port to listen on (0 = any free port)', SERVE_DEFAULTS.port)
      .option('--host <address>', 'address to listen on', SERVE_DEFAULTS.host)
      .option(
        '--max-rows <n>',
        'rows a JSON answer or SQL query returns at most',
        SERVE_DEFAULTS.maxRows,
      )
      .option('--timeout <seconds>', 'cancel a read after this long', SERVE_DEFAULTS.timeout)
      .option(
        '--memory-limit <size>',
        `DuckDB memory limit, e.g. 2GB (default: PITWALL_MEMORY_LIMIT or ${DEFAULT_MEMORY_LIMIT})`,
      ),
  load: () => import('../actions/serve.js'),
})
