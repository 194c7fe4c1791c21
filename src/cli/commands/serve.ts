/**
 * @module cli/commands/serve
 * `pitwall serve [--port 8080] [--host 127.0.0.1]`: the read-only API, SQL endpoint and dashboard.
 */
import { defineCommand } from '../command-spec.js'
import { DEFAULT_MEMORY_LIMIT, SERVE_DEFAULTS } from '../wiring/serve-defaults.js'

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
